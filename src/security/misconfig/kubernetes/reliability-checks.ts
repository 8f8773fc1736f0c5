import type { FieldPath } from '../field-path.js';
import { mutableImageTag } from '../image-reference.js';
import { asText, isRecord } from '../plain-value.js';
import type { KubernetesRuleId } from './kubernetes-rules.js';
import type { Container, PodSpec } from './pod-security/index.js';
import type { Workload } from './workload.js';

/** A reliability rule broken at a path relative to the workload object. */
export interface KubernetesOffense {
  rule: KubernetesRuleId;
  path: FieldPath;
  message: string;
}

interface ContainerAt {
  container: Container;
  name: string;
  path: FieldPath;
  init: boolean;
}

function containersOf(workload: Workload, spec: PodSpec): ContainerAt[] {
  const lists = [
    ['initContainers', true],
    ['containers', false],
  ] as const;
  return lists.flatMap(([list, init]) =>
    (spec[list] ?? []).map((container, index) => ({
      container,
      name: container.name ?? `${list}[${index}]`,
      path: [...workload.podPath, 'spec', list, index],
      init,
    })),
  );
}

/**
 * BK301-BK307: advice that keeps a workload running well, in the spirit of kube-score and Polaris. These
 * never change a Pod Security verdict.
 */
export function reliabilityChecks(workload: Workload, spec: PodSpec): KubernetesOffense[] {
  const offenses: KubernetesOffense[] = [];
  for (const { container, name, path, init } of containersOf(workload, spec)) {
    if (!init && !workload.isBatch) {
      if (container.livenessProbe === undefined) {
        offenses.push({ rule: 'BK301', path, message: `container "${name}" has no livenessProbe` });
      }
      if (container.readinessProbe === undefined) {
        offenses.push({ rule: 'BK302', path, message: `container "${name}" has no readinessProbe` });
      }
    }
    offenses.push(...resourceChecks(container, name, path), ...imageChecks(container, name, path));
  }
  offenses.push(...replicaCheck(workload));
  return offenses;
}

function resourceChecks(container: Container, name: string, path: FieldPath): KubernetesOffense[] {
  const resources = container.resources;
  const resourcesPath = resources === undefined ? path : [...path, 'resources'];
  const missingRequests = (['cpu', 'memory'] as const).filter(
    (key) => resources?.requests?.[key] === undefined,
  );
  const offenses: KubernetesOffense[] = [];
  if (missingRequests.length > 0) {
    offenses.push({
      rule: 'BK303',
      path: resources?.requests === undefined ? resourcesPath : [...resourcesPath, 'requests'],
      message: `container "${name}" has no resources.requests.${missingRequests.join(' or ')}`,
    });
  }
  if (resources?.limits?.memory === undefined) {
    offenses.push({
      rule: 'BK304',
      path: resources?.limits === undefined ? resourcesPath : [...resourcesPath, 'limits'],
      message: `container "${name}" has no resources.limits.memory`,
    });
  }
  return offenses;
}

function imageChecks(container: Container, name: string, path: FieldPath): KubernetesOffense[] {
  const image = container.image;
  if (image === undefined) return [];
  const offenses: KubernetesOffense[] = [];
  const problem = mutableImageTag(image);
  if (problem !== undefined) {
    offenses.push({
      rule: 'BK306',
      path: [...path, 'image'],
      message: `container "${name}" uses image "${image}" with ${problem === 'latest' ? 'the tag "latest"' : 'no tag, which means "latest"'}`,
    });
  }
  // Kubernetes defaults to Always for ":latest" and untagged images, IfNotPresent otherwise. A digest names
  // immutable content, so how often it is pulled does not change what runs.
  const policy = container.imagePullPolicy ?? (problem === undefined ? 'IfNotPresent' : 'Always');
  if (policy !== 'Always' && !image.includes('@')) {
    const implicit = container.imagePullPolicy === undefined;
    offenses.push({
      rule: 'BK307',
      path: implicit ? [...path, 'image'] : [...path, 'imagePullPolicy'],
      message: `container "${name}" has imagePullPolicy ${policy}${implicit ? ' (the default for a pinned tag)' : ''}`,
    });
  }
  return offenses;
}

/** Deployments only: a StatefulSet or DaemonSet with one pod is usually deliberate. */
function replicaCheck(workload: Workload): KubernetesOffense[] {
  if (workload.kind !== 'Deployment') return [];
  const spec = isRecord(workload.object.spec) ? workload.object.spec : {};
  const replicas = spec.replicas;
  if (typeof replicas === 'number' && replicas >= 2) return [];
  const message =
    replicas === undefined
      ? `${workload.resource} runs 1 replica (spec.replicas is not set)`
      : `${workload.resource} runs ${asText(replicas) ?? JSON.stringify(replicas)} ${replicas === 1 ? 'replica' : 'replicas'}`;
  return [{ rule: 'BK305', path: replicas === undefined ? ['spec'] : ['spec', 'replicas'], message }];
}
