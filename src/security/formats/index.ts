/**
 * Standard output formats of a scan: SARIF 2.1.0 for code scanning, CycloneDX 1.6 and SPDX 2.3 for SBOMs.
 * Each converter is pure and returns a plain JSON object; the caller serialises it.
 */
export { toSarif, sarifFingerprintKey, sarifSchemaUri } from './to-sarif.js';
export type { SarifLevel } from './to-sarif.js';
export { toCycloneDx } from './to-cyclonedx.js';
export { toSpdx } from './to-spdx.js';
export type { SbomDocumentMeta, SbomInput } from './sbom-document-meta.js';
