import { loadApprovalStep } from './load-approval-step.js';
import { loadBuildStep } from './load-build-step.js';
import { containerKeys } from './load-container.js';
import type { LoadContext } from './load-context.js';
import { loadDeployStep } from './load-deploy-step.js';
import { loadPushStep } from './load-push-step.js';
import { loadRunStep } from './load-run-step.js';
import { loadScanStep } from './load-scan-step.js';
import { loadWhen } from './load-when.js';
import { pipelineError } from './pipeline-error.js';
import { stepKinds, type StepBase, type StepKind, type StepSpec } from './pipeline-spec.js';
import { checkKeys, readMap, readStringList } from './read-collection.js';
import { readDuration, readEnum } from './read-scalar.js';
import type { YamlNode } from './yaml-tree.js';

const commonKeys = ['kind', 'when', 'depends_on', 'timeout', 'failure'] as const;

/** Keys of each kind besides the common ones (docs/pipeline.md, "Step kinds"). */
export const stepKeys: Readonly<Record<StepKind, readonly string[]>> = {
  run: [...containerKeys, 'cache', 'artifacts', 'reports'],
  build: ['context', 'dockerfile', 'tags', 'build_args', 'target', 'labels'],
  scan: ['image', 'path', 'policy'],
  push: ['image', 'tags', 'registry', 'username', 'password'],
  deploy: ['compose', 'app', 'images', 'wait'],
  approval: ['message', 'role'],
};

const hourMs = 3_600_000;
/** An approval waits a day by default; everything else gets an hour. */
const defaultTimeoutMs: Readonly<Record<StepKind, number>> = {
  run: hourMs,
  build: hourMs,
  scan: hourMs,
  push: hourMs,
  deploy: hourMs,
  approval: 24 * hourMs,
};

type KindLoader = (
  base: StepBase,
  f: ReadonlyMap<string, YamlNode>,
  at: YamlNode,
  ctx: LoadContext,
) => StepSpec;
const loaders: Readonly<Record<StepKind, KindLoader>> = {
  run: loadRunStep,
  build: loadBuildStep,
  scan: loadScanStep,
  push: loadPushStep,
  deploy: loadDeployStep,
  approval: loadApprovalStep,
};

export interface LoadedStep {
  spec: StepSpec;
  /** The `depends_on` node, when the step has one: where dependency errors point. */
  dependsOnNode?: YamlNode;
}

const stepHint = 'Write the step as a mapping, e.g. { image: node:20, commands: [npm test] }.';

/**
 * One step of `steps`. In the list form, `name` is also a key (`listForm`); it was read by the caller.
 */
export function loadStep(name: string, node: YamlNode, listForm: boolean, ctx: LoadContext): LoadedStep {
  const map = readMap(node, stepHint);
  const kindNode = map.entries.find((e) => e.key === 'kind')?.node;
  const kind = kindNode === undefined ? 'run' : readEnum(kindNode, stepKinds);
  const known = [...commonKeys, ...(listForm ? ['name'] : []), ...stepKeys[kind]];
  for (const entry of map.entries) {
    const owners = stepKinds.filter((k) => stepKeys[k].includes(entry.key));
    if (!known.includes(entry.key) && owners.length > 0) {
      throw pipelineError(
        entry.keyAt,
        `key "${entry.key}" is not valid for a ${kind} step`,
        `"${entry.key}" belongs to ${owners.map((k) => `kind: ${k}`).join(', ')}; keys of a ${kind} step are: ${known.join(', ')}.`,
      );
    }
  }
  const f = checkKeys(map, known, `a ${kind} step`);
  const dependsOn = f.get('depends_on');
  const timeout = f.get('timeout');
  const failure = f.get('failure');
  const base: StepBase = {
    name,
    when: loadWhen(f.get('when'), false),
    dependsOn:
      dependsOn === undefined ? [] : readStringList(dependsOn, 'Write depends_on as a list of step names.'),
    timeoutMs: timeout === undefined ? defaultTimeoutMs[kind] : readDuration(timeout),
    ignoreFailure: failure === undefined ? false : readEnum(failure, ['ignore', 'fail']) === 'ignore',
  };
  const spec = loaders[kind](base, f, map, ctx);
  return dependsOn === undefined ? { spec } : { spec, dependsOnNode: dependsOn };
}
