/**
 * Masking of secret values in step output (issue 6): `SecretMasker` masks a chunked stream (values split
 * across chunks, each line of multi-line values, base64, hex, URL and JSON forms), `LineMasker` cuts the
 * masked stream into log lines, `assertMaskable` is the rule for values too short to mask. See README.md.
 */
export { base64Fragments } from './base64-fragments.js';
export { LineMasker } from './line-masker.js';
export type { LineMaskerOptions } from './line-masker.js';
export { assertMaskable, minMaskableLength } from './maskable-secret.js';
export type { NamedSecret } from './maskable-secret.js';
export { maskReplacement, SecretMasker } from './secret-masker.js';
export { secretVariants } from './secret-variants.js';
