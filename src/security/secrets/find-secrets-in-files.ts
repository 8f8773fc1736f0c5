import { findSecrets, type FindSecretsOptions } from './find-secrets.js';
import type { SecretFinding } from './secret-finding.js';

/** Git's heuristic (xdiff `buffer_is_binary`): a NUL byte in the first 8000 bytes means binary. */
const binaryProbeBytes = 8000;

export function isBinary(data: Uint8Array): boolean {
  return data.subarray(0, binaryProbeBytes).includes(0);
}

/**
 * Scans collected files (from `collectFiles` or `scanDirectory` with `secretWanted`), skipping binaries,
 * and tags each finding with the layer its file came from.
 *
 * @example
 * const { files } = await collectFiles(image, secretWanted);
 * toFindings(findSecretsInFiles(files));
 */
export function findSecretsInFiles(
  files: ReadonlyMap<string, { readonly data: Buffer; readonly layer?: string }>,
  options: FindSecretsOptions & { signal?: AbortSignal } = {},
): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const [path, file] of files) {
    options.signal?.throwIfAborted();
    if (isBinary(file.data)) continue;
    for (const finding of findSecrets(file.data.toString('utf8'), path, options)) {
      findings.push(file.layer === undefined ? finding : { ...finding, layer: file.layer });
    }
  }
  return findings;
}
