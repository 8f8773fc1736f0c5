/**
 * The security pillar's public surface: one report format for every analyser (misconfiguration,
 * Dockerfile lint, secrets, vulnerabilities), usable without the daemon.
 */
export { scanComposeText, scanDockerfileText, scanKubernetesText } from './config-scan/index.js';
export { failsAt, renderTable, severityOrder, sortFindings, summarize } from './report/index.js';
export type { Finding, FindingKind, FindingSeverity, ScanReport } from './report/index.js';
export { matchVulnerabilities, scanFilesystem, scanImage } from './artifact/index.js';
export type { ArtifactScan } from './artifact/index.js';
