import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { formatFieldPath, type FieldPath } from '../field-path.js';
import type { MisconfigFinding } from '../misconfig-finding.js';
import { dropNulls } from '../plain-value.js';
import { describeYamlError } from '../yaml-error-point.js';
import { locate, type SourcePoint } from '../yaml-locator.js';
import { byPosition, findingFor, ruleLookup } from '../rule-catalogue.js';
import { kubernetesRules, podSecurityRuleIds } from './kubernetes-rules.js';
import {
  evaluatePodSecurity,
  parsePolicyVersion,
  podMetadataSchema,
  podSpecSchema,
  type PodSecurityLevel,
} from './pod-security/index.js';
import { reliabilityChecks, type KubernetesOffense } from './reliability-checks.js';
import { findWorkloads, type Workload } from './workload.js';

export interface KubernetesCheckOptions {
  /** The Pod Security Standards level to check against; default `restricted` (which includes baseline). */
  level?: PodSecurityLevel;
  /** The policy version, `latest` (default) or `v1.<minor>`, as in `pod-security.kubernetes.io/enforce-version`. */
  version?: string;
}

const kubernetesRule = ruleLookup(kubernetesRules);

/** Pod spec validation problems reported per workload; more add noise, not information. */
const maxSchemaIssues = 5;

/**
 * Checks Kubernetes manifests (multi-document YAML, `kind: List` included) for Pod Security Standards
 * violations at the given level and version, and for reliability advice (`kubernetesRules`). Pods and the
 * pod templates of Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers, Jobs,
 * CronJobs and PodTemplates are checked; other kinds are skipped. One finding per offending field, sorted by
 * position. Throws BERTH_CONFIG for an invalid `version`.
 *
 * @example
 * checkKubernetes(manifest, 'k8s/api.yaml', { level: 'baseline', version: 'v1.30' });
 */
export function checkKubernetes(
  text: string,
  file: string,
  options: KubernetesCheckOptions = {},
): MisconfigFinding[] {
  const level = options.level ?? 'restricted';
  const version = options.version ?? 'latest';
  parsePolicyVersion(version);
  const lineCounter = new LineCounter();
  const findings: MisconfigFinding[] = [];
  for (const doc of parseAllDocuments(text, { lineCounter, merge: true })) {
    findings.push(...checkDocument(doc, { file, level, version, lineCounter }));
  }
  return findings.sort(byPosition);
}

interface DocumentContext {
  file: string;
  level: PodSecurityLevel;
  version: string;
  lineCounter: LineCounter;
}

function checkDocument(doc: Document, context: DocumentContext): MisconfigFinding[] {
  const { file, lineCounter } = context;
  const syntaxError = doc.errors[0];
  if (syntaxError !== undefined) {
    const { line, column, message } = describeYamlError(syntaxError, lineCounter);
    return [findingFor(kubernetesRule('BK001'), file, { line, column }, message, undefined)];
  }
  let value: unknown;
  try {
    value = dropNulls(doc.toJS());
  } catch (error) {
    const point = locate(doc, [], lineCounter);
    return [
      findingFor(
        kubernetesRule('BK001'),
        file,
        point,
        error instanceof Error ? error.message : String(error),
        undefined,
      ),
    ];
  }
  const at = (workload: Workload, path: FieldPath): SourcePoint =>
    locate(doc, [...workload.path, ...path], lineCounter);
  return findWorkloads(value).flatMap((workload) => checkWorkload(workload, context, at));
}

function checkWorkload(
  workload: Workload,
  { file, level, version }: DocumentContext,
  at: (workload: Workload, path: FieldPath) => SourcePoint,
): MisconfigFinding[] {
  const report = (offense: KubernetesOffense): MisconfigFinding =>
    findingFor(
      kubernetesRule(offense.rule),
      file,
      at(workload, offense.path),
      offense.message,
      workload.resource,
    );

  const spec = podSpecSchema.safeParse(workload.pod.spec ?? {});
  const metadata = podMetadataSchema.safeParse(workload.pod.metadata ?? {});
  if (!spec.success || !metadata.success) {
    const issues = [
      ...(spec.success ? [] : spec.error.issues.map((issue) => ({ issue, root: 'spec' }))),
      ...(metadata.success ? [] : metadata.error.issues.map((issue) => ({ issue, root: 'metadata' }))),
    ];
    return issues.slice(0, maxSchemaIssues).map(({ issue, root }) => {
      const path = [
        ...workload.podPath,
        root,
        ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)),
      ];
      return report({ rule: 'BK001', path, message: `${formatFieldPath(path)}: ${issue.message}` });
    });
  }

  const offenses: KubernetesOffense[] = [];
  const result = evaluatePodSecurity(spec.data, level, version, metadata.data);
  for (const violation of result.violations) {
    const rule = podSecurityRuleIds[violation.check];
    for (const field of violation.fields) {
      offenses.push({ rule, path: [...workload.podPath, ...field.path], message: field.message });
    }
  }
  offenses.push(...reliabilityChecks(workload, spec.data));
  return offenses.map(report);
}
