import { pipelineError } from './pipeline-error.js';
import type { MatrixCombination } from './pipeline-spec.js';
import { checkKeys, readMap, readSeq } from './read-collection.js';
import { describe, readString } from './read-scalar.js';
import { runVariableNames } from './template.js';
import type { YamlMap, YamlNode } from './yaml-tree.js';

/** More pipelines than this from one push is almost surely a mistake (and a lot of containers). */
export const maxMatrixCombinations = 64;

const axisName = /^[A-Za-z_][A-Za-z0-9_]*$/;
const hint = 'Write matrix as AXIS: [value, ...] pairs, or include: [{ AXIS: value, ... }, ...].';

/**
 * `matrix`: every combination of the axes' values (Woodpecker's matrix), or the explicit list under
 * `include`. Returns the combinations in file order; empty without a matrix.
 */
export function loadMatrix(node: YamlNode | undefined): MatrixCombination[] {
  if (node === undefined) return [];
  const map = readMap(node, hint);
  const include = map.entries.find((e) => e.key === 'include');
  const combinations = include === undefined ? crossProduct(map) : explicit(map, include.node);
  if (combinations.length > maxMatrixCombinations) {
    throw pipelineError(
      map,
      `the matrix has ${combinations.length} combinations, more than ${maxMatrixCombinations}`,
      'Use fewer axis values, or list the combinations you need under include.',
    );
  }
  return combinations;
}

function checkAxis(key: string, at: YamlMap['entries'][number]['keyAt']): void {
  if (!axisName.test(key))
    throw pipelineError(
      at,
      `"${key}" is not a valid axis name`,
      'Use letters, digits and _, e.g. NODE_VERSION.',
    );
  if (key.startsWith('BERTH_') || (runVariableNames as readonly string[]).includes(key)) {
    throw pipelineError(at, `axis "${key}" uses the reserved prefix BERTH_`, 'Rename the axis.');
  }
}

/** Values are text; numbers as written (`1.10` stays "1.10"), booleans as `true`/`false`. */
function readValue(node: YamlNode): string {
  if (node.kind === 'scalar' && typeof node.value === 'boolean') return node.text;
  if (node.kind !== 'scalar') throw pipelineError(node, `expected a value, got ${describe(node)}`, hint);
  return readString(node, hint);
}

function crossProduct(map: YamlMap): MatrixCombination[] {
  let combinations: Record<string, string>[] = [{}];
  for (const entry of map.entries) {
    checkAxis(entry.key, entry.keyAt);
    const items = readSeq(entry.node, hint).items;
    if (items.length === 0) throw pipelineError(entry.node, `axis "${entry.key}" has no values`, hint);
    const values = items.map(readValue);
    values.forEach((value, i) => {
      if (values.indexOf(value) !== i)
        throw pipelineError(
          items[i] as YamlNode,
          `value "${value}" is listed twice`,
          'Remove the duplicate.',
        );
    });
    combinations = combinations.flatMap((c) => values.map((v) => ({ ...c, [entry.key]: v })));
  }
  return combinations;
}

function explicit(map: YamlMap, node: YamlNode): MatrixCombination[] {
  checkKeys(map, ['include'], 'a matrix with include (list every combination there)');
  const items = readSeq(node, hint).items;
  if (items.length === 0) throw pipelineError(node, 'include lists no combination', hint);
  let axes: string | undefined;
  return items.map((item) => {
    const combination: Record<string, string> = {};
    for (const entry of readMap(item, hint).entries) {
      checkAxis(entry.key, entry.keyAt);
      combination[entry.key] = readValue(entry.node);
    }
    const names = Object.keys(combination).sort().join(', ');
    if (names === '') throw pipelineError(item, 'the combination is empty', hint);
    axes ??= names;
    if (names !== axes) {
      throw pipelineError(
        item,
        `the combination sets ${names}, but the first one sets ${axes}`,
        'Give every combination the same axes.',
      );
    }
    return combination;
  });
}
