/** Pod Security Standards (baseline and restricted), versioned like pod-security-admission. */
export { evaluatePodSecurity } from './evaluate-pod-security.js';
export type { PodSecurityResult, PodSecurityViolation } from './evaluate-pod-security.js';
export { podSecurityChecks } from './pod-security-checks.js';
export type { PodSecurityCheckId, PodSecurityLevel } from './pod-security-checks.js';
export { parsePolicyVersion } from './policy-version.js';
export { podMetadataSchema, podSpecSchema } from './pod-spec.js';
export type { Container, PodMetadata, PodSpec } from './pod-spec.js';
export type { FieldViolation } from './check-result.js';
