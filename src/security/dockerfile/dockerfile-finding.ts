/** Hadolint's severities; Hadolint's "ignore" level is expressed by not reporting a rule at all. */
export type DockerfileSeverity = 'error' | 'warning' | 'info' | 'style';

/** One problem `lintDockerfile` found. */
export interface DockerfileFinding {
  /** Hadolint-compatible id (`DL3008`) or a Berth id (`BL1001`). */
  rule: string;
  severity: DockerfileSeverity;
  /** What is wrong, quoting the offending value, and the fix. */
  message: string;
  /** 1-based line: the instruction's first line, or the line of the offending shell command. */
  line: number;
  column?: number;
  file?: string;
  docsUrl?: string;
}

/** The types a label can be declared to have in a label schema (Hadolint's `label-schema`). */
export type LabelType = 'text' | 'url' | 'semver' | 'hash' | 'rfc3339' | 'spdx' | 'email';

export interface LintDockerfileOptions {
  /** Copied into every finding. */
  file?: string;
  /** Rule ids never to report. */
  ignore?: readonly string[];
  /** Registries FROM may pull from (DL3026). Empty or absent: the rule is off. `*.example.com` matches subdomains. */
  trustedRegistries?: readonly string[];
  /** Labels every image must carry, and their value types (DL3049-DL3058). Absent: those rules are off. */
  labelSchema?: Readonly<Record<string, LabelType>>;
  /** With a label schema, report labels the schema does not list (DL3050). */
  strictLabels?: boolean;
}
