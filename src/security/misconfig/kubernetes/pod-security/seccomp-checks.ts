import {
  allowed,
  containersPhrase,
  forbidden,
  joinQuote,
  pluralize,
  sortedSet,
  type CheckResult,
  type PodView,
} from './check-result.js';
import { settersPhrase, who, type Setter } from './setters.js';
import { isWindowsPod, visitContainers } from './visit-containers.js';

const seccompPodAnnotation = 'seccomp.security.alpha.kubernetes.io/pod';
const seccompContainerAnnotationPrefix = 'container.seccomp.security.alpha.kubernetes.io/';

function validSeccompAnnotation(value: string): boolean {
  return value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}

function validSeccompType(type: string | undefined): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

/**
 * seccompProfile_baseline 1.0-1.18: the alpha annotations (pod and per container) may only name
 * `runtime/default`, `docker/default` or `localhost/*`.
 */
export function seccompProfileBaselineV1Dot0({ metadata, spec }: PodView): CheckResult {
  const annotations = metadata.annotations ?? {};
  const keys = [
    seccompPodAnnotation,
    ...visitContainers(spec).map(({ name }) => `${seccompContainerAnnotationPrefix}${name}`),
  ];
  const bad = sortedSet(keys).filter((key) => {
    const value = annotations[key];
    return value !== undefined && !validSeccompAnnotation(value);
  });
  if (bad.length === 0) return allowed;
  const shown = bad.map((key) => `${key}=${JSON.stringify(annotations[key])}`);
  return forbidden(
    'seccompProfile',
    `forbidden ${pluralize('annotation', 'annotations', bad.length)} ${shown.join(', ')}`,
    bad.map((key, index) => ({
      path: ['metadata', 'annotations', key],
      message: `annotation ${shown[index]} is not allowed`,
    })),
  );
}

/** Pod and containers that set `seccompProfile.type` to something other than RuntimeDefault or Localhost. */
function explicitSeccompSetters(spec: PodView['spec']): Setter[] {
  const setters: Setter[] = [];
  const podProfile = spec.securityContext?.seccompProfile;
  if (podProfile !== undefined && !validSeccompType(podProfile.type)) {
    setters.push({
      container: undefined,
      path: ['spec', 'securityContext', 'seccompProfile', 'type'],
      value: podProfile.type ?? '',
    });
  }
  for (const { container, name, path } of visitContainers(spec)) {
    const profile = container.securityContext?.seccompProfile;
    if (profile === undefined || validSeccompType(profile.type)) continue;
    setters.push({
      container: name,
      path: [...path, 'securityContext', 'seccompProfile', 'type'],
      value: profile.type ?? '',
    });
  }
  return setters;
}

function explicitSeccompResult(setters: readonly Setter[]): CheckResult {
  return forbidden(
    'seccompProfile',
    `${settersPhrase(setters)} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(setters.map((setter) => setter.value)))}`,
    setters.map((setter) => ({
      path: setter.path,
      message: `${who(setter)} must not set securityContext.seccompProfile.type to "${setter.value}"`,
    })),
  );
}

/** seccompProfile_baseline 1.19+: `seccompProfile.type`, where set, is RuntimeDefault or Localhost. */
export function seccompProfileBaselineV1Dot19({ spec }: PodView): CheckResult {
  const setters = explicitSeccompSetters(spec);
  return setters.length === 0 ? allowed : explicitSeccompResult(setters);
}

/**
 * seccompProfile_restricted 1.19+: like baseline, and every container must end up with RuntimeDefault or
 * Localhost, set on itself or inherited from a valid pod-level profile. Replaces seccompProfile_baseline at
 * the restricted level.
 */
export function seccompProfileRestrictedV1Dot19({ spec }: PodView): CheckResult {
  const setters = explicitSeccompSetters(spec);
  if (setters.length > 0) return explicitSeccompResult(setters);
  const podSet = validSeccompType(spec.securityContext?.seccompProfile?.type);
  const implicit = podSet
    ? []
    : visitContainers(spec).filter(
        ({ container }) => container.securityContext?.seccompProfile === undefined,
      );
  if (implicit.length === 0) return allowed;
  const names = implicit.map(({ name }) => name);
  return forbidden(
    'seccompProfile',
    `pod or ${containersPhrase(names)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
    implicit.map(({ name, path }) => ({
      path: [...path, 'securityContext', 'seccompProfile'],
      message: `pod or container "${name}" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
    })),
  );
}

/** seccompProfile_restricted 1.25+: Windows pods are exempt. */
export function seccompProfileRestrictedV1Dot25(pod: PodView): CheckResult {
  return isWindowsPod(pod.spec) ? allowed : seccompProfileRestrictedV1Dot19(pod);
}
