/**
 * Dockerfile linting with Hadolint-compatible rule ids: `lintDockerfile` reports findings, `parseDockerfile`
 * gives the syntax tree (heredocs, stages, continuation lines, parser directives), `dockerfileRules` lists
 * the rules for documentation.
 */
export { lintDockerfile } from './lint-dockerfile.js';
export { parseDockerfile } from './parse-dockerfile.js';
export { dockerfileRules } from './rule-catalogue.js';
export type { DockerfileRuleInfo } from './rule-catalogue.js';
export type {
  DockerfileFinding,
  DockerfileSeverity,
  LabelType,
  LintDockerfileOptions,
} from './dockerfile-finding.js';
export type * from './dockerfile-types.js';
