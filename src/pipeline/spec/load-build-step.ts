import type { LoadContext } from './load-context.js';
import { readTemplate } from './load-context.js';
import { pipelineError } from './pipeline-error.js';
import type { BuildStep, StepBase } from './pipeline-spec.js';
import { readMap, readSeq } from './read-collection.js';
import { readWorkspacePath } from './read-workspace-path.js';
import type { YamlNode } from './yaml-tree.js';

const tagsHint =
  'Write tags as a list of image references, e.g. [registry.example.com/shop/web:${BERTH_COMMIT_SHORT}].';

/** `kind: build`: a Dockerfile built into an image through the Engine API. */
export function loadBuildStep(
  base: StepBase,
  f: ReadonlyMap<string, YamlNode>,
  at: YamlNode,
  ctx: LoadContext,
): BuildStep {
  const tags = f.get('tags');
  if (tags === undefined) throw pipelineError(at, '"tags" is missing', tagsHint);
  const list = readSeq(tags, tagsHint).items.map((n) => readTemplate(n, ctx, tagsHint));
  if (list.length === 0) throw pipelineError(tags, 'the list of tags is empty', tagsHint);
  const context = f.get('context');
  const dockerfile = f.get('dockerfile');
  const target = f.get('target');
  const step: BuildStep = {
    ...base,
    kind: 'build',
    context: context === undefined ? '.' : readWorkspacePath(context, ctx),
    dockerfile: dockerfile === undefined ? 'Dockerfile' : readWorkspacePath(dockerfile, ctx),
    tags: list,
    buildArgs: readTemplateMap(f.get('build_args'), ctx, 'Write build_args as a mapping: NAME: value.'),
    labels: readTemplateMap(f.get('labels'), ctx, 'Write labels as a mapping: com.example.team: shop.'),
    ...(target === undefined
      ? {}
      : { target: readTemplate(target, ctx, 'Write the name of a build stage.') }),
  };
  return step;
}

/** A mapping whose values may use `${NAME}`; an empty value is an empty string. */
export function readTemplateMap(
  node: YamlNode | undefined,
  ctx: LoadContext,
  hint: string,
): Record<string, string> {
  const result: Record<string, string> = {};
  if (node === undefined) return result;
  for (const entry of readMap(node, hint).entries) {
    const value = entry.node;
    const empty = value.kind === 'scalar' && (value.value === null || value.value === '');
    result[entry.key] = empty ? '' : readTemplate(value, ctx, hint);
  }
  return result;
}
