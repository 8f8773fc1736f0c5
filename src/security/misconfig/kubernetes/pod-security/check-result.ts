import type { FieldPath } from '../../field-path.js';
import type { PodMetadata, PodSpec } from './pod-spec.js';

/** The pod a check reads: the template's metadata (for annotations) and its spec. */
export interface PodView {
  metadata: PodMetadata;
  spec: PodSpec;
}

/** One offending field; `path` is relative to the Pod object (`['spec', 'containers', 0, …]`). */
export interface FieldViolation {
  path: FieldPath;
  message: string;
}

/**
 * The outcome of one check, shaped like pod-security-admission's `CheckResult`: a short `reason` and a
 * `detail` naming the offending containers and values, plus the fields so findings can point at them.
 */
export type CheckResult =
  { allowed: true } | { allowed: false; reason: string; detail: string; fields: readonly FieldViolation[] };

export type CheckPodFn = (pod: PodView) => CheckResult;

export const allowed: CheckResult = { allowed: true };

export function forbidden(reason: string, detail: string, fields: readonly FieldViolation[]): CheckResult {
  return { allowed: false, reason, detail, fields };
}

export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** `"a", "b"` as pod-security-admission quotes lists in its messages. */
export function joinQuote(items: readonly string[]): string {
  return items.map((item) => JSON.stringify(item)).join(', ');
}

/** Sorted distinct values, as Go's `sets.NewString(...).List()`. */
export function sortedSet(items: Iterable<string>): string[] {
  return [...new Set(items)].sort();
}

/** `container "a"` / `containers "a", "b"`. */
export function containersPhrase(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}
