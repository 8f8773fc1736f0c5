/**
 * Image and folder scans: SBOM, vulnerabilities, secrets and image configuration checks in one report.
 * Kept apart from the configuration-file scanners (YAML, Kubernetes, Dockerfile rules) so that
 * `berth scan image` loads only what it runs (bench/scan.ts, issue 4).
 */
export { matchVulnerabilities, scanFilesystem, scanImage } from './scan-artifact.js';
export type { ArtifactScan } from './scan-artifact.js';
export { vulnDbFileName } from '../vulndb/vuln-db.js';
