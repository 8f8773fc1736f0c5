import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { SourcePosition } from '../../errors/index.js';
import { pipelineError, type Located } from './pipeline-error.js';

/**
 * The pipeline file as a plain tree that remembers the key path and position of every node, so each
 * validation error points at its line and column. Aliases and `<<` merge keys are resolved.
 *
 * The same idea as src/app/compose-tree.ts, without Compose interpolation (pipeline files use
 * `${AXIS}` substitution per matrix combination instead; see template.ts).
 */
export type YamlNode = YamlScalar | YamlMap | YamlSeq;

export interface YamlScalar extends Located {
  kind: 'scalar';
  value: string | number | boolean | null;
  /** Strings as they are, numbers as written (`1.10` stays `1.10`). */
  text: string;
}

export interface YamlEntry {
  key: string;
  keyAt: Located;
  node: YamlNode;
}

export interface YamlMap extends Located {
  kind: 'map';
  entries: YamlEntry[];
}

export interface YamlSeq extends Located {
  kind: 'seq';
  items: YamlNode[];
}

/** Guards against alias bombs ("billion laughs"); no real pipeline comes near it. */
const maxNodes = 100_000;

/**
 * Parses `text` into a tree; `undefined` for an empty document. YAML errors, warnings (unknown tags)
 * and duplicate keys are errors at their position.
 */
export function parseYamlTree(text: string, file: string): YamlNode | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, merge: true, uniqueKeys: true, prettyErrors: true });
  const [problem] = [...doc.errors, ...doc.warnings];
  if (problem !== undefined) {
    const { line, col } = problem.linePos?.[0] ?? lineCounter.linePos(problem.pos[0]);
    const reason = (problem.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw pipelineError(
      { path: '', pos: { file, line, column: col } },
      `invalid YAML: ${reason}`,
      'Fix the YAML syntax at this position (indent with spaces; quote values that contain ": " or "#").',
      problem,
    );
  }
  if (doc.contents === null) return undefined;
  return new TreeBuilder(doc, file, lineCounter).build(doc.contents, '', { file, line: 1, column: 1 });
}

class TreeBuilder {
  private count = 0;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly file: string,
    private readonly lineCounter: LineCounter,
  ) {}

  build(node: Node | null, path: string, fallback: SourcePosition): YamlNode {
    this.count += 1;
    if (this.count > maxNodes) {
      throw pipelineError(
        { path, pos: fallback },
        `the document expands to more than ${maxNodes} nodes`,
        'Remove deeply nested YAML aliases.',
      );
    }
    const resolved = isAlias(node) ? node.resolve(this.doc) : node;
    const start = isAlias(node) && node.range ? node.range[0] : resolved?.range?.[0];
    const pos = start === undefined ? fallback : this.position(start);
    if (isMap(resolved)) return this.buildMap(resolved.items, path, pos);
    if (isSeq(resolved)) {
      const items = resolved.items.map((item, i) => this.build(item as Node | null, `${path}[${i}]`, pos));
      return { kind: 'seq', path, pos, items };
    }
    const raw: unknown = isScalar(resolved) ? resolved.value : null;
    if (typeof raw === 'string') return { kind: 'scalar', path, pos, value: raw, text: raw };
    if (typeof raw === 'number' || typeof raw === 'boolean') {
      const source = isScalar(resolved) ? resolved.source : undefined;
      const text = typeof raw === 'number' && source !== undefined ? source : String(raw);
      return { kind: 'scalar', path, pos, value: raw, text };
    }
    return { kind: 'scalar', path, pos, value: null, text: '' };
  }

  private buildMap(pairs: readonly unknown[], path: string, pos: SourcePosition): YamlMap {
    const entries: YamlEntry[] = [];
    const merged: YamlEntry[] = [];
    for (const pair of pairs) {
      const { key, value } = pair as { key: unknown; value: Node | null };
      const keyPos = isScalar(key) && key.range ? this.position(key.range[0]) : pos;
      if (isScalar(key) && typeof key.value === 'symbol') {
        // `<<: *defaults` (YAML merge key): explicit keys win, earlier sources win over later ones.
        for (const source of isSeq(value) ? (value.items as (Node | null)[]) : [value]) {
          const tree = this.build(source, path, keyPos);
          if (tree.kind !== 'map') {
            throw pipelineError(
              { path, pos: keyPos },
              '"<<" must merge a mapping',
              'Use `<<: *anchor` where the anchor names a mapping.',
            );
          }
          merged.push(...tree.entries);
        }
        continue;
      }
      const name = key === null ? '' : isScalar(key) ? keyText(key.value, key.source) : undefined;
      if (name === undefined) {
        throw pipelineError(
          { path, pos: keyPos },
          'mapping keys must be plain strings',
          'Write keys as plain words, e.g. `image: node:20`.',
        );
      }
      const childPath = path === '' ? name : `${path}.${name}`;
      entries.push({
        key: name,
        keyAt: { path: childPath, pos: keyPos },
        node: this.build(value, childPath, keyPos),
      });
    }
    const seen = new Set(entries.map((e) => e.key));
    for (const entry of merged) {
      if (seen.has(entry.key)) continue;
      seen.add(entry.key);
      const childPath = path === '' ? entry.key : `${path}.${entry.key}`;
      entries.push({
        ...entry,
        keyAt: { ...entry.keyAt, path: childPath },
        node: rebase(entry.node, childPath),
      });
    }
    return { kind: 'map', path, pos, entries };
  }

  private position(offset: number): SourcePosition {
    const { line, col } = this.lineCounter.linePos(offset);
    return { file: this.file, line, column: col };
  }
}

function keyText(value: unknown, source: string | undefined): string | undefined {
  if (typeof value === 'number' && source !== undefined) return source;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return undefined;
}

/** Merged entries keep their positions (at the anchor) but take the path of the map they join. */
function rebase(node: YamlNode, path: string): YamlNode {
  if (node.kind === 'scalar') return { ...node, path };
  if (node.kind === 'seq')
    return { ...node, path, items: node.items.map((n, i) => rebase(n, `${path}[${i}]`)) };
  return {
    ...node,
    path,
    entries: node.entries.map((e) => {
      const child = `${path}.${e.key}`;
      return { ...e, keyAt: { ...e.keyAt, path: child }, node: rebase(e.node, child) };
    }),
  };
}
