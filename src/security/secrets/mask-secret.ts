/**
 * The only form of a secret that leaves this folder: its first four characters and a fixed `*****`
 * (the length is not kept). Values of four characters or fewer are masked entirely.
 *
 * @example
 * maskSecret('ghp_abcdefghijklmnopqrstuvwxyz0123456789'); // 'ghp_*****'
 */
export function maskSecret(secret: string): string {
  return secret.length <= 4 ? '*****' : `${secret.slice(0, 4)}*****`;
}

/**
 * A stable identity for a secret, so the same credential can be recognised across files, layers and scans
 * (and suppressed) without storing it: `sha256:` and the hex SHA-256 of its UTF-8 bytes.
 */
export function fingerprintSecret(secret: string): string {
  // Fetched on first use: node:crypto loads some twenty internal modules (~4 ms of CPU), which an image
  // scan that finds no secret would pay for nothing (bench/scan.ts, issue 4).
  const { createHash } = process.getBuiltinModule('node:crypto');
  return `sha256:${createHash('sha256').update(secret, 'utf8').digest('hex')}`;
}
