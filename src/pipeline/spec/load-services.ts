import { containerKeys, loadContainer } from './load-container.js';
import type { LoadContext } from './load-context.js';
import { pipelineError } from './pipeline-error.js';
import type { ServiceSpec } from './pipeline-spec.js';
import { checkKeys, readMap } from './read-collection.js';
import { stepName } from './step-name.js';
import type { YamlNode } from './yaml-tree.js';

const hint = 'Write services as a mapping of name to { image, environment, commands }.';

/** `services`: detached containers started before the first step, reachable by their name. */
export function loadServices(
  node: YamlNode | undefined,
  steps: ReadonlySet<string>,
  ctx: LoadContext,
): ServiceSpec[] {
  if (node === undefined) return [];
  return readMap(node, hint).entries.map((entry) => {
    if (!stepName.test(entry.key)) {
      throw pipelineError(
        entry.keyAt,
        `"${entry.key}" is not a valid service name`,
        'Use letters, digits, ".", "_" and "-" (at most 63), e.g. db.',
      );
    }
    if (steps.has(entry.key)) {
      throw pipelineError(
        entry.keyAt,
        `"${entry.key}" is both a step and a service`,
        'Rename one: services are reached by their name on the pipeline network.',
      );
    }
    const map = readMap(entry.node, hint);
    const f = checkKeys(map, containerKeys, 'a service');
    return { name: entry.key, ...loadContainer(f, map, ctx) };
  });
}
