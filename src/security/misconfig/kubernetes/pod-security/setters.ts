import type { FieldPath } from '../../field-path.js';
import { containersPhrase } from './check-result.js';

/** A pod- or container-level setting that broke a rule: who set it ("pod" or a container) and where. */
export interface Setter {
  container: string | undefined;
  path: FieldPath;
  value: string;
}

/** `pod and containers "a", "b"`, the way pod-security-admission names who set a bad value. */
export function settersPhrase(setters: readonly Setter[]): string {
  const parts: string[] = [];
  if (setters.some((setter) => setter.container === undefined)) parts.push('pod');
  const containers = setters.flatMap((setter) => (setter.container === undefined ? [] : [setter.container]));
  if (containers.length > 0) parts.push(containersPhrase(containers));
  return parts.join(' and ');
}

/** `pod` or `container "a"`. */
export function who(setter: Setter): string {
  return setter.container === undefined ? 'pod' : `container "${setter.container}"`;
}
