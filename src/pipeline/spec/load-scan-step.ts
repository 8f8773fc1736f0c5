import type { FindingSeverity } from '../../security/index.js';
import type { LoadContext } from './load-context.js';
import { readTemplate } from './load-context.js';
import { pipelineError } from './pipeline-error.js';
import type { ScanPolicy, ScanStep, StepBase } from './pipeline-spec.js';
import { checkKeys, readMap, readStringList } from './read-collection.js';
import { readBool, readEnum, readName } from './read-scalar.js';
import { readWorkspacePath } from './read-workspace-path.js';
import type { YamlNode } from './yaml-tree.js';

/** The scanner's severities, worst first (src/security/report/scan-report.ts), plus `none`. */
const severities = ['critical', 'high', 'medium', 'low', 'info', 'none'] as const satisfies readonly (
  FindingSeverity | 'none'
)[];

/** Fails on high and critical vulnerabilities and on secrets; Dockerfile rules only report. */
export const defaultScanPolicy: ScanPolicy = {
  severity: 'high',
  secrets: true,
  dockerfile: 'none',
  ignore: [],
};

const targetHint = 'Give exactly one of image: <reference> or path: <folder in the repository>.';
const ruleId = /^[A-Z]{2,}[0-9]+$/;

/** `kind: scan`: the Berth scanner on an image or a folder, gated by `policy`. */
export function loadScanStep(
  base: StepBase,
  f: ReadonlyMap<string, YamlNode>,
  at: YamlNode,
  ctx: LoadContext,
): ScanStep {
  const image = f.get('image');
  const path = f.get('path');
  if ((image === undefined) === (path === undefined)) {
    throw pipelineError(at, `a scan step needs exactly one of "image" or "path"`, targetHint);
  }
  const target =
    image === undefined
      ? { path: readWorkspacePath(path as YamlNode, ctx) }
      : { image: readTemplate(image, ctx, targetHint) };
  return { ...base, kind: 'scan', target, policy: loadPolicy(f.get('policy')) };
}

function loadPolicy(node: YamlNode | undefined): ScanPolicy {
  if (node === undefined) return defaultScanPolicy;
  const hint =
    'Write policy: { severity: high, secrets: true, dockerfile: [DL3008], ignore: [CVE-2024-1234] }.';
  const f = checkKeys(
    readMap(node, hint),
    ['severity', 'secrets', 'dockerfile', 'ignore'],
    'a scan `policy`',
  );
  const severity = f.get('severity');
  const secrets = f.get('secrets');
  const dockerfile = f.get('dockerfile');
  const ignore = f.get('ignore');
  return {
    severity: severity === undefined ? defaultScanPolicy.severity : readEnum(severity, severities),
    secrets: secrets === undefined ? defaultScanPolicy.secrets : readBool(secrets),
    dockerfile: dockerfile === undefined ? defaultScanPolicy.dockerfile : loadDockerfileRules(dockerfile),
    ignore: ignore === undefined ? [] : readStringList(ignore, 'Write ignore as a list of finding ids.'),
  };
}

function loadDockerfileRules(node: YamlNode): ScanPolicy['dockerfile'] {
  if (node.kind === 'scalar') return readEnum(node, ['all', 'none']);
  const hint = 'Write dockerfile: all, none, or a list of rule ids such as [DL3008, DL3007].';
  if (node.kind !== 'seq') throw pipelineError(node, 'expected all, none or a list of rule ids', hint);
  return node.items.map((item) => readName(item, ruleId, 'Dockerfile rule id', hint));
}
