/**
 * Configuration-file scans as report findings: Compose and Kubernetes misconfiguration, Dockerfile lint.
 * Kept apart from the image and folder scans (`../artifact`) so that neither loads the other's
 * dependencies (SQLite, tar readers and SBOM parsers here; YAML and the rule tables there).
 */
export { scanComposeText, scanDockerfileText, scanKubernetesText } from './scan-config-files.js';
