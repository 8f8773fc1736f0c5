/** How bad a misconfiguration is, worst first. */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** Severities from worst to least, for sorting and filtering. */
export const severities = [
  'critical',
  'high',
  'medium',
  'low',
  'info',
] as const satisfies readonly Severity[];

/**
 * One misconfiguration found in a Compose file or Kubernetes manifest, pointing at the offending key
 * (1-based line and column). When the problem is a missing key, the position is the nearest enclosing key
 * that exists (the service name, the container, the securityContext).
 */
export interface MisconfigFinding {
  /** Stable rule ID from `composeRules` or `kubernetesRules`, e.g. `BC101`. */
  rule: string;
  severity: Severity;
  /** The rule's title, the same for every finding of that rule. */
  title: string;
  /** What this occurrence is, quoting the offending value (secrets are masked). */
  message: string;
  file: string;
  line: number;
  column: number;
  /** The service or workload, e.g. `service/web` or `Deployment/api`. */
  resource?: string;
  /** The control the rule implements: `CIS 5.x` (Docker Benchmark) or `PSS <check>` (Pod Security Standards). */
  reference?: string;
  /** How to fix it, in one sentence. */
  fix?: string;
}

/** One entry of a rule catalogue; the catalogues are exported so documentation can be generated from them. */
export interface MisconfigRule {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  readonly reference?: string;
  readonly fix: string;
}
