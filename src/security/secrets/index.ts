/**
 * Secret scanning with Trivy-compatible rule ids: `findSecrets` over a file's text, `findSecretsInFiles`
 * over files collected with `secretWanted`, `toFindings` to the common report format. Secrets never leave
 * this folder in clear: findings carry a masked form and a SHA-256 fingerprint.
 */
export { allowedSecretValues, defaultAllowPaths, isAllowedSecretValue } from './allow-rules.js';
export { findSecrets } from './find-secrets.js';
export type { FindSecretsOptions } from './find-secrets.js';
export { findSecretsInFiles, isBinary } from './find-secrets-in-files.js';
export { fingerprintSecret, maskSecret } from './mask-secret.js';
export { globToRegExp, pathMatcher } from './path-glob.js';
export { toFindings } from './secret-finding.js';
export type { SecretFinding } from './secret-finding.js';
export type { SecretRule } from './secret-rule.js';
export { defaultEntropyThreshold, genericAssignmentRule, secretRules } from './secret-rules.js';
export { createSecretWanted, defaultSecretMaxFileBytes, secretWanted } from './secret-wanted.js';
export type { SecretWantedOptions } from './secret-wanted.js';
export { shannonEntropy } from './shannon-entropy.js';
