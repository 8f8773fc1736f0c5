/**
 * Misconfiguration checks for what Berth deploys: Compose files against the CIS Docker Benchmark §5
 * (`checkCompose`) and Kubernetes manifests against the Pod Security Standards plus reliability advice
 * (`checkKubernetes`, `evaluatePodSecurity`). The rule catalogues are exported for documentation.
 */
export { checkCompose, composeRules } from './compose/index.js';
export type { ComposeRuleId } from './compose/index.js';
export {
  checkKubernetes,
  evaluatePodSecurity,
  kubernetesRules,
  podSecurityChecks,
} from './kubernetes/index.js';
export type {
  FieldViolation,
  KubernetesCheckOptions,
  KubernetesRuleId,
  PodMetadata,
  PodSecurityCheckId,
  PodSecurityLevel,
  PodSecurityResult,
  PodSecurityViolation,
  PodSpec,
} from './kubernetes/index.js';
export type { MisconfigFinding, MisconfigRule, Severity } from './misconfig-finding.js';
export { severities } from './misconfig-finding.js';
export type { FieldPath } from './field-path.js';
