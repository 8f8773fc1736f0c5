import { didYouMean } from '../../errors/index.js';
import { pipelineError } from './pipeline-error.js';
import { describe, readString } from './read-scalar.js';
import type { YamlMap, YamlNode, YamlSeq } from './yaml-tree.js';

/** A mapping; an empty value (`environment:` with nothing under it) counts as an empty mapping. */
export function readMap(node: YamlNode, hint: string): YamlMap {
  if (node.kind === 'map') return node;
  if (node.kind === 'scalar' && node.value === null)
    return { kind: 'map', path: node.path, pos: node.pos, entries: [] };
  throw pipelineError(node, `expected a mapping, got ${describe(node)}`, hint);
}

export function readSeq(node: YamlNode, hint: string): YamlSeq {
  if (node.kind === 'seq') return node;
  if (node.kind === 'scalar' && node.value === null)
    return { kind: 'seq', path: node.path, pos: node.pos, items: [] };
  throw pipelineError(node, `expected a list, got ${describe(node)}`, hint);
}

/**
 * The entries of `map` by key; a key outside `known` is an error with a "did you mean" (Berth never
 * drops a key silently). `where` names the mapping in the hint, e.g. "a build step".
 */
export function checkKeys(
  map: YamlMap,
  known: readonly string[],
  where: string,
  skip: (key: string) => boolean = () => false,
): Map<string, YamlNode> {
  const fields = new Map<string, YamlNode>();
  for (const entry of map.entries) {
    if (skip(entry.key)) continue;
    if (!known.includes(entry.key)) {
      throw pipelineError(
        entry.keyAt,
        `unknown key "${entry.key}"${didYouMean(entry.key, known)}`,
        `Keys of ${where} are: ${known.join(', ')}.`,
      );
    }
    fields.set(entry.key, entry.node);
  }
  return fields;
}

/** A list of strings; with `single`, one string stands for a list of one. */
export function readStringList(node: YamlNode, hint: string, single = true): string[] {
  if (single && node.kind === 'scalar' && node.value !== null) return [readString(node, hint)];
  return readSeq(node, hint).items.map((item) => readString(item, hint));
}
