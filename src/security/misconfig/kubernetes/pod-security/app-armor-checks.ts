import {
  allowed,
  forbidden,
  joinQuote,
  pluralize,
  sortedSet,
  type CheckResult,
  type FieldViolation,
  type PodView,
} from './check-result.js';
import { settersPhrase, who, type Setter } from './setters.js';
import { visitContainers } from './visit-containers.js';

const appArmorAnnotationPrefix = 'container.apparmor.security.beta.kubernetes.io/';

/**
 * appArmorProfile (baseline, 1.0+): the beta annotations may only name `runtime/default` or `localhost/*`,
 * and `securityContext.appArmorProfile.type` (pod and containers) only `RuntimeDefault` or `Localhost`.
 */
export function appArmorProfileV1Dot0({ metadata, spec }: PodView): CheckResult {
  const typeAllowed = (type: string | undefined): boolean =>
    type === 'RuntimeDefault' || type === 'Localhost';
  const setters: Setter[] = [];
  const podProfile = spec.securityContext?.appArmorProfile;
  if (podProfile !== undefined && !typeAllowed(podProfile.type)) {
    setters.push({
      container: undefined,
      path: ['spec', 'securityContext', 'appArmorProfile', 'type'],
      value: podProfile.type ?? '',
    });
  }
  for (const { container, name, path } of visitContainers(spec)) {
    const profile = container.securityContext?.appArmorProfile;
    if (profile === undefined || typeAllowed(profile.type)) continue;
    setters.push({
      container: name,
      path: [...path, 'securityContext', 'appArmorProfile', 'type'],
      value: profile.type ?? '',
    });
  }
  const annotations = Object.entries(metadata.annotations ?? {})
    .filter(([key, value]) => key.startsWith(appArmorAnnotationPrefix) && !allowedAppArmorAnnotation(value))
    .sort(([a], [b]) => a.localeCompare(b));
  if (setters.length === 0 && annotations.length === 0) return allowed;

  const fields: FieldViolation[] = setters.map((setter) => ({
    path: setter.path,
    message: `${who(setter)} must not set AppArmor profile type to "${setter.value}"`,
  }));
  for (const [key, value] of annotations) {
    fields.push({
      path: ['metadata', 'annotations', key],
      message: `annotation ${key}="${value}" is not allowed`,
    });
  }
  const values = [
    ...sortedSet(setters.map((setter) => setter.value)),
    ...annotations.map(([key, value]) => `${key}=${JSON.stringify(value)}`),
  ];
  const parts = setters.length > 0 ? [settersPhrase(setters)] : [];
  if (annotations.length > 0) parts.push(pluralize('annotation', 'annotations', annotations.length));
  return forbidden(
    pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', values.length),
    `${parts.join(' and ')} must not set AppArmor profile type to ${joinQuote(values)}`,
    fields,
  );
}

function allowedAppArmorAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}
