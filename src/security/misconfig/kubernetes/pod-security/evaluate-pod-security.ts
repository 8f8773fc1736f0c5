import type { FieldViolation } from './check-result.js';
import { activeChecks, type PodSecurityCheckId, type PodSecurityLevel } from './pod-security-checks.js';
import type { PodMetadata, PodSpec } from './pod-spec.js';
import { parsePolicyVersion } from './policy-version.js';

export interface PodSecurityViolation {
  /** The pod-security-admission check ID, e.g. `capabilities_restricted`. */
  check: PodSecurityCheckId;
  /** `reason (detail)`, worded like the admission controller's warning. */
  message: string;
  /** The offending fields, relative to the Pod object (`spec.containers[0].securityContext…`). */
  fields: readonly FieldViolation[];
}

export interface PodSecurityResult {
  allowed: boolean;
  violations: PodSecurityViolation[];
}

/**
 * Evaluates a pod against a Pod Security Standards level at a policy version, as the pod-security-admission
 * controller does for `pod-security.kubernetes.io/enforce: <level>` with `enforce-version: <version>`.
 * Pure: no cluster is contacted. Annotations (AppArmor, pre-1.19 seccomp) come from `podMetadata`.
 *
 * @param version `latest` (default) or `v1.<minor>`; throws BERTH_CONFIG for anything else.
 * @example
 * evaluatePodSecurity({ containers: [{ name: 'app', securityContext: { privileged: true } }] }, 'baseline');
 * // { allowed: false, violations: [{ check: 'privileged', message: 'privileged (container "app" must not set …)', … }] }
 */
export function evaluatePodSecurity(
  podSpec: PodSpec,
  level: PodSecurityLevel,
  version = 'latest',
  podMetadata: PodMetadata = {},
): PodSecurityResult {
  const minor = parsePolicyVersion(version);
  const pod = { metadata: podMetadata, spec: podSpec };
  const violations: PodSecurityViolation[] = [];
  for (const { id, check } of activeChecks(level, minor)) {
    const result = check(pod);
    if (result.allowed) continue;
    violations.push({
      check: id,
      message: result.detail === '' ? result.reason : `${result.reason} (${result.detail})`,
      fields: result.fields,
    });
  }
  return { allowed: violations.length === 0, violations };
}
