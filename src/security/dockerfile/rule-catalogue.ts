import type { DockerfileSeverity } from './dockerfile-finding.js';
import { apkRules } from './rules/apk-rules.js';
import { aptRules } from './rules/apt-rules.js';
import { copyAddRules } from './rules/copy-add-rules.js';
import { envUserRules } from './rules/env-user-rules.js';
import { fromRules } from './rules/from-rules.js';
import { instructionRules } from './rules/instruction-rules.js';
import { dl3048 } from './rules/label-key-rule.js';
import { labelSchemaRules } from './rules/label-schema-rules.js';
import { nodeRubyRules } from './rules/node-ruby-rules.js';
import { bl1000 } from './rules/parse-problem-rule.js';
import { pipRules } from './rules/pip-rules.js';
import { bl1001 } from './rules/remote-script-rules.js';
import type { DockerfileRule } from './rules/rule-types.js';
import { runSequenceRules } from './rules/run-sequence-rules.js';
import { shellCommandRules } from './rules/shell-command-rules.js';
import { yumDnfRules } from './rules/yum-dnf-rules.js';
import { zypperRules } from './rules/zypper-rules.js';

/** Every rule the linter runs, sorted by id. */
export const allRules: readonly DockerfileRule[] = [
  bl1000,
  bl1001,
  ...aptRules,
  ...apkRules,
  ...yumDnfRules,
  ...zypperRules,
  ...pipRules,
  ...nodeRubyRules,
  ...shellCommandRules,
  ...runSequenceRules,
  ...fromRules,
  ...copyAddRules,
  ...instructionRules,
  ...envUserRules,
  dl3048,
  ...labelSchemaRules,
].sort((a, b) => a.id.localeCompare(b.id));

export interface DockerfileRuleInfo {
  id: string;
  severity: DockerfileSeverity;
  title: string;
  /** Hadolint's wiki page for DL rules; Berth's own BL rules are documented in this folder's rules.md. */
  docsUrl: string | undefined;
}

export function docsUrlOf(id: string): string | undefined {
  return id.startsWith('DL') ? `https://github.com/hadolint/hadolint/wiki/${id}` : undefined;
}

/**
 * The rule list for documentation and CLI help, sorted by id.
 *
 * @example
 * dockerfileRules.find((rule) => rule.id === 'DL3008');
 * // { id: 'DL3008', severity: 'warning', title: 'Pin versions in apt-get install', docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3008' }
 */
export const dockerfileRules: readonly DockerfileRuleInfo[] = allRules.map(({ id, severity, title }) => ({
  id,
  severity,
  title,
  docsUrl: docsUrlOf(id),
}));
