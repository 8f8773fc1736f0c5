import { severityOrder, type Finding } from '../../security/index.js';
import type { ScanPolicy } from '../spec/index.js';

/**
 * The findings that fail a scan step under its policy: vulnerabilities and image findings at or above
 * `severity`, any secret when `secrets` is on, and Dockerfile findings of the listed rules (or all);
 * ids in `ignore` never fail.
 */
export function blockingFindings(findings: readonly Finding[], policy: ScanPolicy): Finding[] {
  const limit = policy.severity === 'none' ? -1 : severityOrder.indexOf(policy.severity);
  return findings.filter((f) => {
    if (policy.ignore.includes(f.id)) return false;
    if (f.kind === 'secret') return policy.secrets;
    if (f.kind === 'dockerfile') {
      if (policy.dockerfile === 'none') return false;
      return policy.dockerfile === 'all' || policy.dockerfile.includes(f.id);
    }
    return limit >= 0 && severityOrder.indexOf(f.severity) <= limit;
  });
}
