import {
  allowed,
  containersPhrase,
  forbidden,
  type CheckResult,
  type FieldViolation,
  type PodView,
} from './check-result.js';
import { isUserNamespacePod, visitContainers } from './visit-containers.js';

/**
 * runAsNonRoot (restricted, 1.0+): the pod sets `runAsNonRoot: true` (containers may then leave it unset)
 * or every container does; nobody sets it to false.
 */
export function runAsNonRootV1Dot0({ spec }: PodView): CheckResult {
  const setters: string[] = [];
  const fields: FieldViolation[] = [];
  const podValue = spec.securityContext?.runAsNonRoot;
  if (podValue === false) {
    setters.push('pod');
    fields.push({
      path: ['spec', 'securityContext', 'runAsNonRoot'],
      message: 'pod must not set securityContext.runAsNonRoot=false',
    });
  }
  const explicit: string[] = [];
  const implicit: string[] = [];
  const implicitFields: FieldViolation[] = [];
  for (const { container, name, path } of visitContainers(spec)) {
    const value = container.securityContext?.runAsNonRoot;
    const at = [...path, 'securityContext', 'runAsNonRoot'];
    if (value === false) {
      explicit.push(name);
      fields.push({
        path: at,
        message: `container "${name}" must not set securityContext.runAsNonRoot=false`,
      });
    } else if (value === undefined && podValue !== true) {
      implicit.push(name);
      implicitFields.push({
        path: at,
        message: `pod or container "${name}" must set securityContext.runAsNonRoot=true`,
      });
    }
  }
  if (explicit.length > 0) setters.push(containersPhrase(explicit));
  if (setters.length > 0) {
    return forbidden(
      'runAsNonRoot != true',
      `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`,
      fields,
    );
  }
  if (implicit.length === 0) return allowed;
  return forbidden(
    'runAsNonRoot != true',
    `pod or ${containersPhrase(implicit)} must set securityContext.runAsNonRoot=true`,
    implicitFields,
  );
}

/** runAsNonRoot 1.35+: pods in a user namespace (`hostUsers: false`) are exempt (KEP-127). */
export function runAsNonRootV1Dot35(pod: PodView): CheckResult {
  return isUserNamespacePod(pod.spec) ? allowed : runAsNonRootV1Dot0(pod);
}

/** runAsUser (restricted, 1.23+): neither the pod nor a container sets `runAsUser: 0`. */
export function runAsUserV1Dot23({ spec }: PodView): CheckResult {
  const setters: string[] = [];
  const fields: FieldViolation[] = [];
  if (spec.securityContext?.runAsUser === 0) {
    setters.push('pod');
    fields.push({ path: ['spec', 'securityContext', 'runAsUser'], message: 'pod must not set runAsUser=0' });
  }
  const bad: string[] = [];
  for (const { container, name, path } of visitContainers(spec)) {
    if (container.securityContext?.runAsUser !== 0) continue;
    bad.push(name);
    fields.push({
      path: [...path, 'securityContext', 'runAsUser'],
      message: `container "${name}" must not set runAsUser=0`,
    });
  }
  if (bad.length > 0) setters.push(containersPhrase(bad));
  if (setters.length === 0) return allowed;
  return forbidden('runAsUser=0', `${setters.join(' and ')} must not set runAsUser=0`, fields);
}

/** runAsUser 1.35+: pods in a user namespace are exempt (KEP-127). */
export function runAsUserV1Dot35(pod: PodView): CheckResult {
  return isUserNamespacePod(pod.spec) ? allowed : runAsUserV1Dot23(pod);
}
