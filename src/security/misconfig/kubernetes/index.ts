/** Kubernetes manifest checks: Pod Security Standards (versioned) and reliability advice. */
export { checkKubernetes } from './check-kubernetes.js';
export type { KubernetesCheckOptions } from './check-kubernetes.js';
export { kubernetesRules } from './kubernetes-rules.js';
export type { KubernetesRuleId } from './kubernetes-rules.js';
export { evaluatePodSecurity, podSecurityChecks } from './pod-security/index.js';
export type {
  FieldViolation,
  PodMetadata,
  PodSecurityCheckId,
  PodSecurityLevel,
  PodSecurityResult,
  PodSecurityViolation,
  PodSpec,
} from './pod-security/index.js';
