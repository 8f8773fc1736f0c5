import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Document,
  type LineCounter,
  type Node,
  type Range,
} from 'yaml';
import { BerthError, type SourcePosition } from '../errors/index.js';

/**
 * The Compose file as a plain tree that remembers where every key and value came from, so each
 * validation error can point at the exact line and column. Aliases and `<<` merge keys are resolved;
 * string values are already interpolated.
 */
export type ComposeNode = ScalarNode | MapNode | SeqNode;

interface NodeBase {
  /** Key path used in messages, e.g. `services.web.ports[0]`. */
  path: string;
  pos: SourcePosition;
}

export interface ScalarNode extends NodeBase {
  kind: 'scalar';
  value: string | number | boolean | null;
  /** The value as text: strings after interpolation, numbers as written (`1.10` stays `1.10`). */
  text: string;
}

export interface MapEntry {
  key: string;
  keyPos: SourcePosition;
  node: ComposeNode;
}

export interface MapNode extends NodeBase {
  kind: 'map';
  entries: MapEntry[];
}

export interface SeqNode extends NodeBase {
  kind: 'seq';
  items: ComposeNode[];
}

export interface ComposeTreeOptions {
  file: string;
  lineCounter: LineCounter;
  /** Interpolates one string value found at `path`. */
  interpolate: (text: string, path: string, pos: SourcePosition) => string;
}

/** Guards against alias bombs ("billion laughs"): no real Compose file comes near this. */
const maxNodes = 200_000;

/** Builds the tree of `doc.contents`; `undefined` for an empty document. */
export function buildComposeTree(doc: Document.Parsed, options: ComposeTreeOptions): ComposeNode | undefined {
  let count = 0;
  const positionOf = (offset: number): SourcePosition => {
    const { line, col } = options.lineCounter.linePos(offset);
    return { file: options.file, line, column: col };
  };

  const build = (
    node: Node | null,
    path: string,
    fallback: SourcePosition,
    interpolate: boolean,
  ): ComposeNode => {
    count += 1;
    if (count > maxNodes) {
      throw new BerthError(
        'BERTH_COMPOSE_YAML',
        `${path}: the document expands to more than ${maxNodes} nodes`,
        {
          position: fallback,
          hint: 'Remove deeply nested YAML aliases.',
        },
      );
    }
    const resolved = isAlias(node) ? node.resolve(doc) : node;
    const pos = resolved?.range
      ? positionOf(isAlias(node) && node.range ? node.range[0] : resolved.range[0])
      : fallback;
    if (isMap(resolved)) return buildMap(resolved.items, path, pos, interpolate);
    if (isSeq(resolved)) {
      const items = resolved.items.map((item, i) =>
        build(item as Node | null, `${path}[${i}]`, pos, interpolate),
      );
      return { kind: 'seq', path, pos, items };
    }
    const raw: unknown = isScalar(resolved) ? resolved.value : null;
    if (typeof raw === 'string') {
      const text = interpolate && raw.includes('$') ? options.interpolate(raw, path, pos) : raw;
      return { kind: 'scalar', path, pos, value: text, text };
    }
    if (typeof raw === 'number' || typeof raw === 'boolean') {
      const source = isScalar(resolved) ? resolved.source : undefined;
      const text = typeof raw === 'number' && source !== undefined ? source : String(raw);
      return { kind: 'scalar', path, pos, value: raw, text };
    }
    return { kind: 'scalar', path, pos, value: null, text: '' };
  };

  const buildMap = (pairs: unknown[], path: string, pos: SourcePosition, interpolate: boolean): MapNode => {
    const explicit = new Set<string>();
    for (const pair of pairs) {
      const key = keyOf(pair);
      if (key !== undefined && typeof key.value !== 'symbol') explicit.add(keyText(key.value, key.source));
    }
    const entries: MapEntry[] = [];
    const seen = new Set<string>();
    for (const pair of pairs) {
      const key = keyOf(pair);
      const value = (pair as { value: Node | null }).value;
      const keyPos = key?.range ? positionOf(key.range[0]) : pos;
      if (key === undefined) {
        throw new BerthError('BERTH_COMPOSE_YAML', `${path}: mapping keys must be plain strings`, {
          position: keyPos,
          hint: 'Write keys as plain words, e.g. `image: nginx`.',
        });
      }
      if (typeof key.value === 'symbol') {
        // YAML merge key (`<<: *defaults`): explicit keys win, earlier merge sources win over later ones.
        for (const source of mergeSources(value)) {
          const merged = build(source, path, keyPos, interpolate);
          if (merged.kind !== 'map') {
            throw new BerthError('BERTH_COMPOSE_YAML', `${path}: "<<" must merge a mapping`, {
              position: keyPos,
              hint: 'Use `<<: *anchor` where the anchor names a mapping.',
            });
          }
          for (const entry of merged.entries) {
            if (explicit.has(entry.key) || seen.has(entry.key)) continue;
            seen.add(entry.key);
            entries.push({ ...entry, node: rebase(entry.node, childPath(path, entry.key)) });
          }
        }
        continue;
      }
      const name = keyText(key.value, key.source);
      seen.add(name);
      const childInterpolate = interpolate && !(name.startsWith('x-') && name !== 'x-berth');
      entries.push({
        key: name,
        keyPos,
        node: build(value, childPath(path, name), keyPos, childInterpolate),
      });
    }
    return { kind: 'map', path, pos, entries };
  };

  const mergeSources = (value: Node | null): (Node | null)[] => {
    if (isSeq(value)) return value.items as (Node | null)[];
    return [value];
  };

  if (doc.contents === null) return undefined;
  return build(doc.contents, '', { file: options.file, line: 1, column: 1 }, true);
}

interface KeyNode {
  value: unknown;
  source?: string;
  range?: Range | null;
}

function keyOf(pair: unknown): KeyNode | undefined {
  const key: unknown = (pair as { key: unknown }).key;
  if (key === null) return { value: '' };
  if (isScalar(key)) return key;
  return undefined;
}

function keyText(value: unknown, source: string | undefined): string {
  if (typeof value === 'number' && source !== undefined) return source;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function childPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

/** Merged entries keep their positions (the anchor) but take the path of the map they are merged into. */
function rebase(node: ComposeNode, path: string): ComposeNode {
  if (node.kind === 'scalar') return { ...node, path };
  if (node.kind === 'seq')
    return { ...node, path, items: node.items.map((n, i) => rebase(n, `${path}[${i}]`)) };
  return {
    ...node,
    path,
    entries: node.entries.map((e) => ({ ...e, node: rebase(e.node, childPath(path, e.key)) })),
  };
}
