import { lintDockerfile, type DockerfileFinding } from '../dockerfile/index.js';
import { checkCompose, checkKubernetes, type MisconfigFinding } from '../misconfig/index.js';
import type { Finding, FindingSeverity } from '../report/index.js';

const fromMisconfig = (f: MisconfigFinding): Finding => ({
  kind: 'misconfig',
  id: f.rule,
  severity: f.severity,
  title: f.title,
  message: f.message,
  location: { file: f.file, line: f.line, column: f.column },
  ...(f.resource === undefined ? {} : { resource: f.resource }),
  ...(f.reference === undefined ? {} : { reference: f.reference }),
  ...(f.fix === undefined ? {} : { fix: f.fix }),
});

/** Compose misconfiguration (CIS Docker Benchmark §5) as report findings. */
export function scanComposeText(text: string, file: string): Finding[] {
  return checkCompose(text, file).map(fromMisconfig);
}

/** Kubernetes manifests against the Pod Security Standards plus reliability advice. */
export function scanKubernetesText(
  text: string,
  file: string,
  options: { level?: 'baseline' | 'restricted'; version?: string } = {},
): Finding[] {
  return checkKubernetes(text, file, options).map(fromMisconfig);
}

/** Hadolint's levels on the report's scale: error→high, warning→medium, info→low, style→info. */
const dockerfileSeverity: Record<DockerfileFinding['severity'], FindingSeverity> = {
  error: 'high',
  warning: 'medium',
  info: 'low',
  style: 'info',
};

/** Dockerfile lint with Hadolint-compatible rule ids. */
export function scanDockerfileText(
  text: string,
  file: string,
  options: { ignore?: string[]; trustedRegistries?: string[] } = {},
): Finding[] {
  return lintDockerfile(text, { file, ...options }).map((f) => ({
    kind: 'dockerfile',
    id: f.rule,
    severity: dockerfileSeverity[f.severity],
    title: f.message,
    message: f.message,
    location: { file, line: f.line, ...(f.column === undefined ? {} : { column: f.column }) },
    ...(f.docsUrl === undefined ? {} : { reference: f.docsUrl }),
  }));
}
