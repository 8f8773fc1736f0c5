import { didYouMean } from '../../errors/index.js';
import { deepFreeze } from './deep-freeze.js';
import { loadCronEntries } from './load-cron-entries.js';
import type { LoadContext } from './load-context.js';
import { loadMatrix } from './load-matrix.js';
import { loadReports } from './load-reports.js';
import { loadServices } from './load-services.js';
import { loadStep, type LoadedStep } from './load-step.js';
import { loadWhen } from './load-when.js';
import { pipelineError } from './pipeline-error.js';
import type { PipelineSpec } from './pipeline-spec.js';
import { checkKeys, readMap } from './read-collection.js';
import { readString } from './read-scalar.js';
import { describeProblem, findDependencyProblem } from './step-graph.js';
import { stepName } from './step-name.js';
import { runVariableNames } from './template.js';
import { parseYamlTree, type YamlMap, type YamlNode } from './yaml-tree.js';

export interface LoadPipelineOptions {
  /** The file name shown in messages, e.g. `.berth/pipeline.yaml`. */
  file: string;
}

/** Pipeline files are small; anything bigger is not one. */
export const maxPipelineBytes = 1024 * 1024;

const topLevelKeys = ['when', 'steps', 'services', 'matrix', 'cron', 'reports'] as const;
const stepsHint =
  'Define steps as a mapping of name to step, e.g. steps: { test: { image: node:20, commands: [npm test] } }.';

/**
 * Reads `.berth/pipeline.yaml` (docs/pipeline.md) into a frozen `PipelineSpec`. Pure. Every key is
 * validated; an unknown key is an error with a "did you mean". Errors are `BerthError`s whose message
 * starts with `file:line:column key.path:`.
 *
 * @example
 * const spec = loadPipeline('steps:\n  test:\n    image: node:20\n    commands: [npm test]\n', {
 *   file: '.berth/pipeline.yaml',
 * });
 * spec.steps[0]?.name; // 'test'
 */
export function loadPipeline(text: string, options: LoadPipelineOptions): PipelineSpec {
  const { file } = options;
  const start = { path: '', pos: { file, line: 1, column: 1 } };
  if (Buffer.byteLength(text) > maxPipelineBytes) {
    throw pipelineError(
      start,
      `the file is larger than ${maxPipelineBytes} bytes`,
      'Keep the pipeline file under 1 MiB.',
    );
  }
  const tree = parseYamlTree(text, file);
  if (tree === undefined) throw pipelineError(start, 'the file is empty', stepsHint);
  const root = readMap(tree, 'The file must be a mapping with a `steps:` key.');
  // `x-` keys hold YAML anchors to reuse (`x-node: &node {...}`), as in Compose files.
  const top = checkKeys(root, topLevelKeys, 'the pipeline file', (key) => key.startsWith('x-'));
  const matrix = loadMatrix(top.get('matrix'));
  const ctx: LoadContext = { variables: new Set([...Object.keys(matrix[0] ?? {}), ...runVariableNames]) };
  const stepsNode = top.get('steps');
  if (stepsNode === undefined) throw pipelineError(root, '"steps" is missing', stepsHint);
  const steps = loadSteps(stepsNode, ctx);
  checkDependencies(steps);
  const spec: PipelineSpec = {
    file,
    when: loadWhen(top.get('when'), true),
    steps: steps.map((s) => s.spec),
    services: loadServices(top.get('services'), new Set(steps.map((s) => s.spec.name)), ctx),
    matrix,
    cron: loadCronEntries(top.get('cron')),
    reports: loadReports(top.get('reports'), ctx),
    dag: steps.some((s) => s.dependsOnNode !== undefined),
  };
  return deepFreeze(spec);
}

/** Steps as a mapping (name → step, in file order) or a list of steps with `name` (default `step-N`). */
function loadSteps(node: YamlNode, ctx: LoadContext): LoadedStep[] {
  const named: {
    name: string;
    at: YamlNode | YamlMap['entries'][number]['keyAt'];
    node: YamlNode;
    listForm: boolean;
  }[] = [];
  if (node.kind === 'seq') {
    node.items.forEach((item, i) => {
      const nameNode = item.kind === 'map' ? item.entries.find((e) => e.key === 'name')?.node : undefined;
      const name = nameNode === undefined ? `step-${i + 1}` : readString(nameNode, 'Write the step name.');
      named.push({ name, at: nameNode ?? item, node: item, listForm: true });
    });
  } else {
    for (const entry of readMap(node, stepsHint).entries)
      named.push({ name: entry.key, at: entry.keyAt, node: entry.node, listForm: false });
  }
  if (named.length === 0) throw pipelineError(node, 'no steps are defined', stepsHint);
  const seen = new Set<string>();
  return named.map(({ name, at, node: stepNode, listForm }) => {
    if (!stepName.test(name)) {
      throw pipelineError(
        at,
        `"${name}" is not a valid step name`,
        'Use letters, digits, ".", "_" and "-" (at most 63), starting with a letter or digit.',
      );
    }
    if (seen.has(name))
      throw pipelineError(at, `step "${name}" is defined twice`, 'Give each step its own name.');
    seen.add(name);
    return loadStep(name, stepNode, listForm, ctx);
  });
}

/** Unknown names, self-dependencies and cycles, reported at the `depends_on` entry at fault. */
function checkDependencies(steps: readonly LoadedStep[]): void {
  const problem = findDependencyProblem(steps.map((s) => s.spec));
  if (problem === undefined) return;
  const stepOf = (name: string): LoadedStep | undefined => steps.find((s) => s.spec.name === name);
  const entryAt = (step: string, index: number): YamlNode => {
    const node = stepOf(step)?.dependsOnNode as YamlNode;
    return node.kind === 'seq' ? (node.items[index] ?? node) : node;
  };
  if (problem.kind === 'unknown') {
    const names = steps.map((s) => s.spec.name).filter((n) => n !== problem.step);
    throw pipelineError(
      entryAt(problem.step, problem.index),
      `unknown step "${problem.name}"${didYouMean(problem.name, names)}`,
      `Name a step of this file: ${names.join(', ')}.`,
    );
  }
  if (problem.kind === 'self') {
    throw pipelineError(
      entryAt(problem.step, problem.index),
      `step "${problem.step}" depends on itself`,
      'Remove it from its own depends_on.',
    );
  }
  const [from = '', to = ''] = problem.cycle;
  const index = stepOf(from)?.spec.dependsOn.indexOf(to) ?? 0;
  throw pipelineError(
    entryAt(from, index),
    describeProblem(problem),
    'Remove one depends_on entry of the cycle.',
  );
}
