import type { FieldPath } from '../field-path.js';
import { asText, isRecord, type PlainRecord } from '../plain-value.js';

/** Where each workload kind keeps its pod (template): the Pod itself, `spec.template`, or a CronJob's job template. */
const podPaths: Readonly<Record<string, FieldPath>> = {
  Pod: [],
  PodTemplate: ['template'],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** Kinds that run to completion: liveness and readiness probes make little sense for them. */
const batchKinds = new Set(['Job', 'CronJob']);

export interface Workload {
  kind: string;
  /** `Deployment/api`, or `Deployment/prod/api` with a namespace. */
  resource: string;
  /** The object's path inside its YAML document (`[]`, or `['items', 3]` inside a List). */
  path: FieldPath;
  /** The pod (template) path relative to the object. */
  podPath: FieldPath;
  /** The pod (template): `metadata` and `spec`, not yet validated. */
  pod: PlainRecord;
  object: PlainRecord;
  isBatch: boolean;
}

/** The workloads in one YAML document: the object itself, or the items of a `kind: List`. */
export function findWorkloads(document: unknown): Workload[] {
  if (!isRecord(document)) return [];
  if (document.kind === 'List' && Array.isArray(document.items)) {
    return document.items.flatMap((item, index) => toWorkload(item, ['items', index]));
  }
  return toWorkload(document, []);
}

function toWorkload(object: unknown, path: FieldPath): Workload[] {
  if (!isRecord(object)) return [];
  const kind = asText(object.kind) ?? '';
  const podPath = podPaths[kind];
  if (podPath === undefined) return [];
  let pod: unknown = object;
  for (const segment of podPath) pod = isRecord(pod) ? pod[segment] : undefined;
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const name = asText(metadata.name) ?? asText(metadata.generateName) ?? '(unnamed)';
  const namespace = asText(metadata.namespace);
  return [
    {
      kind,
      resource: namespace === undefined ? `${kind}/${name}` : `${kind}/${namespace}/${name}`,
      path,
      podPath,
      pod: isRecord(pod) ? pod : {},
      object,
      isBatch: batchKinds.has(kind),
    },
  ];
}
