/**
 * A reference Drain (He et al., "Drain: An Online Log Parsing Approach with Fixed Depth Tree", ICWS 2017), as
 * logpai/logparser `Drain.py` runs it in the Loghub benchmarks: masks, then a fixed-depth tree keyed by token
 * count and the first `depth - 2` tokens, then the most similar cluster at the leaf if similarity ≥ `st`.
 * It is Berth's earlier miner, kept here only to reproduce Drain's published numbers with the same evaluator
 * (the `drain-bench` row of `npm run eval:patterns`); the product uses `TemplateMiner`.
 */
import { applyMasks, compileMasks, renderTemplate, WILDCARD } from '../../src/logs/patterns/index.js';
import type { CompiledMask, MaskRule } from '../../src/logs/patterns/index.js';

/** Drain's per-dataset settings (logparser `benchmark_settings`). */
export interface DrainSettings {
  readonly masks: readonly MaskRule[];
  readonly similarityThreshold: number;
  readonly depth: number;
  readonly maxChildren?: number;
}

interface Node {
  readonly children: Map<string, Node>;
  readonly clusters: number[];
}

const newNode = (): Node => ({ children: new Map(), clusters: [] });
const hasDigit = (token: string): boolean => /\d/.test(token);

/** Drain over whole lines: `add()` returns a cluster index; `template()` its current template. */
export class DrainBaseline {
  readonly #settings: Required<DrainSettings>;
  readonly #masks: CompiledMask[];
  readonly #root = newNode();
  readonly #clusters: string[][] = [];

  constructor(settings: DrainSettings) {
    this.#settings = { maxChildren: 100, ...settings };
    this.#masks = compileMasks(settings.masks);
  }

  /** The masked tokens of a line, as Drain splits them. */
  tokens(line: string): string[] {
    const trimmed = applyMasks(line, this.#masks).trim();
    return trimmed === '' ? [] : trimmed.split(/\s+/);
  }

  add(line: string): number {
    const tokens = this.tokens(line);
    const leaf = this.#leaf(tokens, false);
    let best = -1;
    let bestSim = -1;
    let bestParams = -1;
    for (const index of leaf?.clusters ?? []) {
      const template = this.#clusters[index] as string[];
      let same = 0;
      let params = 0;
      tokens.forEach((t, i) => {
        if (template[i] === WILDCARD) params++;
        else if (template[i] === t) same++;
      });
      const sim = tokens.length === 0 ? 1 : same / tokens.length;
      if (sim > bestSim || (sim === bestSim && params > bestParams)) {
        best = index;
        bestSim = sim;
        bestParams = params;
      }
    }
    if (best >= 0 && bestSim >= this.#settings.similarityThreshold) {
      const template = this.#clusters[best] as string[];
      tokens.forEach((t, i) => {
        if (template[i] !== t) template[i] = WILDCARD;
      });
      return best;
    }
    this.#clusters.push([...tokens]);
    (this.#leaf(tokens, true) as Node).clusters.push(this.#clusters.length - 1);
    return this.#clusters.length - 1;
  }

  template(index: number): string {
    return renderTemplate(this.#clusters[index] ?? []);
  }

  /** Walk (or, with `create`, build) the path: token count, then the leading tokens (Drain3 routing rules). */
  #leaf(tokens: readonly string[], create: boolean): Node | undefined {
    const { depth, maxChildren } = this.#settings;
    let node: Node | undefined = this.#child(this.#root, String(tokens.length), create, Infinity);
    const prefix = Math.max(0, Math.min(depth - 3, tokens.length - 1));
    for (let i = 0; i < prefix && node !== undefined; i++) {
      const token = tokens[i] as string;
      const key = hasDigit(token) ? WILDCARD : token;
      node = create
        ? this.#child(node, key, true, maxChildren)
        : (node.children.get(key) ?? node.children.get(WILDCARD));
    }
    return node;
  }

  #child(node: Node, key: string, create: boolean, maxChildren: number): Node | undefined {
    const existing = node.children.get(key);
    if (existing !== undefined || !create) return existing;
    const wildcard = node.children.get(WILDCARD);
    const room =
      wildcard === undefined ? node.children.size + 1 < maxChildren : node.children.size < maxChildren;
    const target = room ? key : WILDCARD;
    const found = node.children.get(target);
    if (found !== undefined) return found;
    const child = newNode();
    node.children.set(target, child);
    return child;
  }
}

/**
 * Label each line with its cluster's final template, as logparser does. With `logparserQuirk`, a line with fewer
 * than `depth - 2` tokens never reaches a leaf in logparser's `addSeqToPrefixTree`, so it becomes its own cluster
 * and lines end up grouped by their exact masked text; emulating it explains the gap to Drain's published
 * Loghub-2k numbers (Android 0.831 → 0.911).
 */
export function mineWithDrain(
  contents: readonly string[],
  settings: DrainSettings,
  logparserQuirk = false,
): string[] {
  const drain = new DrainBaseline(settings);
  const labels = contents.map((line): { exact: string } | { cluster: number } => {
    const tokens = drain.tokens(line);
    return logparserQuirk && tokens.length < settings.depth - 2
      ? { exact: tokens.join(' ') }
      : { cluster: drain.add(line) };
  });
  return labels.map((l) => ('exact' in l ? l.exact : drain.template(l.cluster)));
}
