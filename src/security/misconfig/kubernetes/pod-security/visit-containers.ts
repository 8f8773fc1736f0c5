import type { FieldPath } from '../../field-path.js';
import type { Container, PodSpec } from './pod-spec.js';

export interface VisitedContainer {
  container: Container;
  /** The container's name, or its path when unnamed (an invalid pod, but still checked). */
  name: string;
  /** `['spec', 'initContainers' | 'containers' | 'ephemeralContainers', index]`. */
  path: FieldPath;
}

const containerLists = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/**
 * Every container of the pod in pod-security-admission's order (policy/visitor.go): init containers, then
 * containers, then ephemeral containers.
 */
export function visitContainers(spec: PodSpec): VisitedContainer[] {
  const visited: VisitedContainer[] = [];
  for (const list of containerLists) {
    (spec[list] ?? []).forEach((container, index) => {
      visited.push({ container, name: container.name ?? `${list}[${index}]`, path: ['spec', list, index] });
    });
  }
  return visited;
}

/** `spec.os.name: windows` exempts a pod from the Linux-only restricted checks from v1.25 on. */
export function isWindowsPod(spec: PodSpec): boolean {
  return spec.os?.name === 'windows';
}

/** `spec.hostUsers: false` runs the pod in a user namespace, which relaxes some checks from v1.35 on. */
export function isUserNamespacePod(spec: PodSpec): boolean {
  return spec.hostUsers === false;
}
