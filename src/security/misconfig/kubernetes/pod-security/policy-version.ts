import { BerthError } from '../../../../errors/index.js';

/** The minor version pod-security-admission would use for "latest": newer than any registered check. */
export const latestMinor = Number.POSITIVE_INFINITY;

/**
 * Parses a Pod Security Standards policy version as the admission controller accepts it in the
 * `pod-security.kubernetes.io/enforce-version` label: `latest` or `v1.<minor>` (the `v` is optional here).
 * Returns the minor version; versions newer than every check behave like `latest`.
 *
 * @example
 * parsePolicyVersion('v1.25'); // 25
 */
export function parsePolicyVersion(version: string): number {
  const text = version.trim();
  if (text === 'latest') return latestMinor;
  const match = /^v?1\.(0|[1-9]\d*)$/.exec(text);
  if (match?.[1] === undefined) {
    throw new BerthError('BERTH_CONFIG', `pod security version ${JSON.stringify(version)} is not valid`, {
      hint: 'Use "latest" or a Kubernetes minor version such as "v1.30".',
    });
  }
  return Number(match[1]);
}
