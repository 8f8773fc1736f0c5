import type { LoadContext } from './load-context.js';
import { readTemplate } from './load-context.js';
import { loadEnvironment, loadSecrets } from './load-environment.js';
import { pipelineError } from './pipeline-error.js';
import type { EnvValue, ResourcesSpec } from './pipeline-spec.js';
import { checkKeys, readMap, readStringList } from './read-collection.js';
import { readNumber, readSize } from './read-scalar.js';
import type { YamlNode } from './yaml-tree.js';

/** What a container gets when `resources` does not say (docs/pipeline.md). */
export const defaultResources: ResourcesSpec = { cpus: 1, memoryBytes: 2 * 1024 ** 3 };

/** Keys shared by run steps and services. */
export const containerKeys = [
  'image',
  'commands',
  'entrypoint',
  'environment',
  'secrets',
  'resources',
] as const;

export interface ContainerFields {
  image: string;
  commands: string[];
  entrypoint?: string[];
  environment: Record<string, EnvValue>;
  secrets: string[];
  resources: ResourcesSpec;
}

/** The container part of a run step or a service; `at` is the step or service for "image is missing". */
export function loadContainer(
  f: ReadonlyMap<string, YamlNode>,
  at: YamlNode,
  ctx: LoadContext,
): ContainerFields {
  const image = f.get('image');
  if (image === undefined)
    throw pipelineError(at, '"image" is missing', 'Add image: <reference>, e.g. image: node:20.');
  const commandHint = 'Write commands as a list of shell lines.';
  const commands = f.get('commands');
  const entrypoint = f.get('entrypoint');
  const environment = loadEnvironment(f.get('environment'), ctx);
  const fields: ContainerFields = {
    image: readTemplate(image, ctx, 'Write an image reference, e.g. node:20 or node:${NODE}.'),
    commands: commands === undefined ? [] : readStringList(commands, commandHint),
    environment,
    secrets: loadSecrets(f.get('secrets'), environment),
    resources: loadResources(f.get('resources')),
  };
  if (entrypoint !== undefined)
    fields.entrypoint = readStringList(entrypoint, 'Write entrypoint as a list, e.g. [/bin/sh, -c].');
  return fields;
}

function loadResources(node: YamlNode | undefined): ResourcesSpec {
  if (node === undefined) return defaultResources;
  const f = checkKeys(
    readMap(node, 'Write resources: { cpus: 2, memory: 4g }.'),
    ['cpus', 'memory'],
    '`resources`',
  );
  const cpus = f.get('cpus');
  const memory = f.get('memory');
  return {
    cpus:
      cpus === undefined
        ? defaultResources.cpus
        : readNumber(cpus, 0.01, 1024, 'Write a number of CPUs such as 0.5 or 2.'),
    memoryBytes: memory === undefined ? defaultResources.memoryBytes : readSize(memory),
  };
}
