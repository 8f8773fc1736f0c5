import { composeError, describe, unsupportedKey } from './compose-error.js';
import type { ComposeNode, MapEntry, MapNode, SeqNode } from './compose-tree.js';
import { readString } from './read-scalar.js';

/** A mapping node; an empty value (`volumes:` with nothing under it) counts as an empty mapping. */
export function readMap(node: ComposeNode, hint: string): MapNode {
  if (node.kind === 'map') return node;
  if (node.kind === 'scalar' && node.value === null)
    return { kind: 'map', path: node.path, pos: node.pos, entries: [] };
  throw composeError('BERTH_COMPOSE_INVALID', node, `expected a mapping, got ${describe(node)}`, hint);
}

export function readSeq(node: ComposeNode, hint: string): SeqNode {
  if (node.kind === 'seq') return node;
  if (node.kind === 'scalar' && node.value === null)
    return { kind: 'seq', path: node.path, pos: node.pos, items: [] };
  throw composeError('BERTH_COMPOSE_INVALID', node, `expected a list, got ${describe(node)}`, hint);
}

export interface CheckKeysOptions {
  /** Specific hints for well-known unsupported keys (e.g. `privileged`). */
  hints?: Readonly<Record<string, string>>;
  /** Compose allows `x-*` extension keys in its own mappings; Berth's own `x-berth` block does not. */
  extensions?: boolean;
}

/**
 * Rejects any key not in `supported` (Berth never drops a key silently) and returns the entries by key.
 */
export function checkKeys(
  map: MapNode,
  supported: readonly string[],
  options: CheckKeysOptions = {},
): Map<string, ComposeNode> {
  const { hints = {}, extensions = true } = options;
  const fields = new Map<string, ComposeNode>();
  for (const entry of map.entries) {
    const known = supported.includes(entry.key);
    if (!known && extensions && entry.key.startsWith('x-')) continue;
    if (!known) throw unsupportedKey(entry, supported, hints[entry.key]);
    fields.set(entry.key, entry.node);
  }
  return fields;
}

/** A list of strings; `single` also accepts one string (`env_file: .env`). */
export function readStringList(node: ComposeNode, hint: string, single = false): string[] {
  if (single && node.kind === 'scalar' && node.value !== null) return [readString(node, hint)];
  return readSeq(node, hint).items.map((item) => readString(item, hint));
}

export interface KeyValue {
  key: string;
  /** Undefined for a bare `KEY` (list) or `KEY:` with no value (map). */
  value: string | undefined;
  node: ComposeNode;
  keyPos: MapEntry['keyPos'];
}

/**
 * Compose's "list or dict" (environment, labels, build args): `{KEY: value}` or `["KEY=value", "KEY"]`.
 * Map values may be strings, numbers or booleans (taken as written).
 */
export function readListOrDict(node: ComposeNode, what: string): KeyValue[] {
  const hint = `Write ${what} as a mapping (KEY: value) or a list of "KEY=value" strings.`;
  if (node.kind === 'seq') {
    return node.items.map((item) => {
      const entry = readString(item, hint);
      const eq = entry.indexOf('=');
      const key = eq === -1 ? entry : entry.slice(0, eq);
      if (key.trim() === '') {
        throw composeError('BERTH_COMPOSE_INVALID', item, `${describe(item)} has no key`, hint);
      }
      return { key, value: eq === -1 ? undefined : entry.slice(eq + 1), node: item, keyPos: item.pos };
    });
  }
  return readMap(node, hint).entries.map((entry) => {
    const value = entry.node;
    if (value.kind !== 'scalar') {
      throw composeError('BERTH_COMPOSE_INVALID', value, `expected a string, got ${describe(value)}`, hint);
    }
    return {
      key: entry.key,
      value: value.value === null ? undefined : value.text,
      node: value,
      keyPos: entry.keyPos,
    };
  });
}
