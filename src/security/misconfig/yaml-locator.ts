import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Document,
  type LineCounter,
  type Node,
  type YAMLMap,
} from 'yaml';
import type { FieldPath } from './field-path.js';

/** A 1-based line and column. */
export interface SourcePoint {
  line: number;
  column: number;
}

/** Merge keys (`<<: *defaults`) may chain; real files never come close to this depth. */
const maxMergeDepth = 32;

/**
 * Finds where the value at `path` is written: the key of a map entry, or the start of a sequence item. When
 * the path does not exist all the way down (the problem is a missing key), returns the deepest part that
 * does, so a finding about a missing `securityContext.runAsNonRoot` points at the container.
 *
 * Aliases are followed and `<<` merge keys are searched after the map's own keys, as YAML merge semantics
 * say; a key that comes from an anchor is reported where the anchor writes it.
 */
export function locate(doc: Document, path: FieldPath, lineCounter: LineCounter): SourcePoint {
  const pointAt = (offset: number): SourcePoint => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  let node = resolve(doc, doc.contents);
  let best = node?.range ? pointAt(node.range[0]) : { line: 1, column: 1 };
  for (const segment of path) {
    if (node === undefined) break;
    if (typeof segment === 'number') {
      if (!isSeq(node)) break;
      const item: unknown = node.items[segment];
      const next = resolve(doc, item);
      if (next === undefined) break;
      const at = isNodeWithRange(item) ? item : next;
      if (at.range) best = pointAt(at.range[0]);
      node = next;
    } else {
      if (!isMap(node)) break;
      const entry = findEntry(doc, node, segment, 0);
      if (entry === undefined) break;
      if (entry.keyOffset !== undefined) best = pointAt(entry.keyOffset);
      node = resolve(doc, entry.value);
    }
  }
  return best;
}

function findEntry(
  doc: Document,
  map: YAMLMap,
  key: string,
  depth: number,
): { keyOffset: number | undefined; value: unknown } | undefined {
  for (const pair of map.items) {
    if (isScalar(pair.key) && String(pair.key.value) === key && !isMergeKey(pair.key)) {
      return { keyOffset: pair.key.range?.[0], value: pair.value };
    }
  }
  if (depth >= maxMergeDepth) return undefined;
  for (const pair of map.items) {
    if (!isMergeKey(pair.key)) continue;
    const source = resolve(doc, pair.value);
    const sources = isSeq(source) ? source.items.map((item) => resolve(doc, item)) : [source];
    for (const merged of sources) {
      if (!isMap(merged)) continue;
      const found = findEntry(doc, merged, key, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol' && key.value.description === '<<';
}

function isNodeWithRange(value: unknown): value is Node {
  return (isAlias(value) || isScalar(value) || isMap(value) || isSeq(value)) && value.range !== undefined;
}

function resolve(doc: Document, value: unknown): Node | undefined {
  let current = value;
  for (let hops = 0; hops < maxMergeDepth && isAlias(current); hops += 1) current = current.resolve(doc);
  if (isScalar(current) || isMap(current) || isSeq(current)) return current;
  return undefined;
}
