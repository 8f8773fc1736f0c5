/**
 * The security pillar's public surface: one report format for every analyser (misconfiguration,
 * Dockerfile lint, secrets, vulnerabilities), usable without the daemon.
 */
export { scanComposeText, scanDockerfileText, scanKubernetesText } from './scan-config-files.js';
export { failsAt, renderTable, severityOrder, sortFindings, summarize } from './report/index.js';
export type { Finding, FindingKind, FindingSeverity, ScanReport } from './report/index.js';
export { matchVulnerabilities, scanFilesystem, scanImage } from './scan-artifact.js';
export type { ArtifactScan } from './scan-artifact.js';
