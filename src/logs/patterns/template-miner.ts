import { BerthError } from '../../errors/index.js';
import { applyMasks, compileMasks, WILDCARD } from './masking.js';
import type { CompiledMask } from './masking.js';
import { resolveOptions } from './miner-options.js';
import type { ResolvedOptions, TemplateMinerOptions } from './miner-options.js';
import { findLeaf, insertCluster, newNode } from './parse-tree.js';
import type { TreeNode } from './parse-tree.js';
import { renderTemplate } from './post-process.js';
import { nodeFromJson, nodeToJson, TemplateMinerSnapshot } from './snapshot.js';

/** What `add()` tells about one line. */
export interface AddResult {
  readonly templateId: string;
  /** The template after this line was merged in (post-processed). */
  readonly template: string;
  /** True if the line started a new template. */
  readonly isNew: boolean;
}

/** One mined template. `firstSeen`/`lastSeen` are the `seenAt` values given to `add()` (default: line ordinal). */
export interface TemplateInfo {
  readonly id: string;
  readonly template: string;
  readonly count: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

interface Cluster {
  readonly id: string;
  tokens: string[];
  count: number;
  firstSeen: number;
  lastSeen: number;
  /** Cached post-processed template; reset when tokens change. */
  rendered: string | undefined;
}

/**
 * An online log-template miner after Drain (He et al., "Drain: An Online Log Parsing Approach with Fixed Depth
 * Tree", ICWS 2017) and Drain3 (logpai/Drain3): one pass, each line costs O(depth + clusters in its leaf).
 * Pure: no I/O, no clock; persist it with `toJSON()` / `TemplateMiner.fromJSON()`.
 *
 * @example
 * const miner = new TemplateMiner();
 * miner.add('connected to 10.0.0.1 in 35 ms'); // { templateId: 'T1', template: 'connected to <*> in <*> ms', isNew: true }
 * miner.add('connected to 10.0.0.2 in 7 ms').isNew; // false
 */
export class TemplateMiner {
  readonly #options: ResolvedOptions;
  readonly #masks: CompiledMask[];
  readonly #clusters: Cluster[] = [];
  readonly #root: TreeNode = newNode();
  #lines = 0;

  constructor(options: TemplateMinerOptions = {}) {
    this.#options = resolveOptions(options);
    this.#masks = compileMasks(this.#options.masks);
  }

  /** Mine one line (its message, without timestamp/level header, for best results). */
  add(line: string, seenAt?: number): AddResult {
    const at = seenAt ?? this.#lines;
    this.#lines++;
    const tokens = this.#tokenize(line);
    const leaf = findLeaf(this.#root, tokens, this.#options);
    const match = leaf === undefined ? undefined : this.#bestMatch(leaf, tokens);
    if (match === undefined) {
      const cluster: Cluster = {
        id: `T${this.#clusters.length + 1}`,
        tokens,
        count: 1,
        firstSeen: at,
        lastSeen: at,
        rendered: undefined,
      };
      this.#clusters.push(cluster);
      insertCluster(this.#root, tokens, this.#clusters.length - 1, this.#options);
      return { templateId: cluster.id, template: this.#render(cluster), isNew: true };
    }
    const template = match.tokens;
    for (let i = 0; i < template.length; i++) {
      if (template[i] !== WILDCARD && template[i] !== tokens[i]) {
        template[i] = WILDCARD;
        match.rendered = undefined;
      }
    }
    match.count++;
    if (at < match.firstSeen) match.firstSeen = at;
    if (at > match.lastSeen) match.lastSeen = at;
    return { templateId: match.id, template: this.#render(match), isNew: false };
  }

  /**
   * The template a line belongs to without learning from it: every literal token of the template must equal the
   * line's token (Drain3 `match()` with full search). Undefined if no template fits.
   */
  match(line: string): { templateId: string; template: string } | undefined {
    const tokens = this.#tokenize(line);
    const leaf = findLeaf(this.#root, tokens, this.#options);
    if (leaf === undefined) return undefined;
    let best: Cluster | undefined;
    let bestParams = Infinity;
    for (const index of leaf.clusters) {
      const cluster = this.#clusters[index] as Cluster;
      let params = 0;
      let fits = true;
      for (let i = 0; i < tokens.length && fits; i++) {
        const t = cluster.tokens[i];
        if (t === WILDCARD) params++;
        else fits = t === tokens[i];
      }
      // Prefer the most specific template that fits.
      if (fits && params < bestParams) {
        best = cluster;
        bestParams = params;
      }
    }
    return best === undefined ? undefined : { templateId: best.id, template: this.#render(best) };
  }

  /** All templates, in order of creation. */
  templates(): TemplateInfo[] {
    return this.#clusters.map((c) => ({
      id: c.id,
      template: this.#render(c),
      count: c.count,
      firstSeen: c.firstSeen,
      lastSeen: c.lastSeen,
    }));
  }

  /** The current template of an id returned by `add()`, or undefined for an unknown id. */
  template(id: string): string | undefined {
    const index = Number(id.slice(1)) - 1;
    const cluster = this.#clusters[index];
    return cluster?.id === id ? this.#render(cluster) : undefined;
  }

  /** How many lines were added. */
  get lineCount(): number {
    return this.#lines;
  }

  /** A JSON-safe snapshot of options, templates and parse tree; `fromJSON()` restores it exactly. */
  toJSON(): TemplateMinerSnapshot {
    const o = this.#options;
    return {
      format: 'berth.template-miner',
      version: 1,
      options: {
        similarityThreshold: o.similarityThreshold,
        depth: o.depth,
        maxChildren: o.maxChildren,
        paramsCountAsSimilar: o.paramsCountAsSimilar,
        parametrizeNumericTokens: o.parametrizeNumericTokens,
        masks: o.masks.map((m) => ({ ...m })),
        postProcess: { ...o.postProcess },
      },
      lines: this.#lines,
      clusters: this.#clusters.map((c) => ({
        id: c.id,
        tokens: [...c.tokens],
        count: c.count,
        firstSeen: c.firstSeen,
        lastSeen: c.lastSeen,
      })),
      tree: nodeToJson(this.#root),
    };
  }

  /** Restore a miner from `toJSON()` output (validated; a malformed snapshot throws BERTH_STORE). */
  static fromJSON(json: unknown): TemplateMiner {
    const parsed = TemplateMinerSnapshot.safeParse(json);
    if (!parsed.success) {
      throw new BerthError('BERTH_STORE', `Template miner snapshot is invalid: ${parsed.error.message}`, {
        hint: 'Pass the unmodified output of TemplateMiner.toJSON(), or start a new miner.',
        cause: parsed.error,
      });
    }
    const snap = parsed.data;
    const miner = new TemplateMiner(snap.options);
    for (const c of snap.clusters) {
      miner.#clusters.push({ ...c, tokens: [...c.tokens], rendered: undefined });
    }
    const root = nodeFromJson(snap.tree, snap.clusters.length);
    for (const [key, child] of root.children) miner.#root.children.set(key, child);
    miner.#lines = snap.lines;
    return miner;
  }

  #tokenize(line: string): string[] {
    const masked = this.#masks.length === 0 ? line : applyMasks(line, this.#masks);
    const trimmed = masked.trim();
    return trimmed === '' ? [] : trimmed.split(/\s+/);
  }

  /** Drain's fast match: highest similarity ≥ threshold, ties to the template with more parameters. */
  #bestMatch(leaf: TreeNode, tokens: readonly string[]): Cluster | undefined {
    let best: Cluster | undefined;
    let bestSim = -1;
    let bestParams = -1;
    const n = tokens.length;
    for (const index of leaf.clusters) {
      const cluster = this.#clusters[index] as Cluster;
      const template = cluster.tokens;
      let same = 0;
      let params = 0;
      for (let i = 0; i < n; i++) {
        const t = template[i];
        if (t === WILDCARD) params++;
        else if (t === tokens[i]) same++;
      }
      if (this.#options.paramsCountAsSimilar) same += params;
      const sim = n === 0 ? 1 : same / n;
      if (sim > bestSim || (sim === bestSim && params > bestParams)) {
        best = cluster;
        bestSim = sim;
        bestParams = params;
      }
    }
    return bestSim >= this.#options.similarityThreshold ? best : undefined;
  }

  #render(cluster: Cluster): string {
    cluster.rendered ??= renderTemplate(cluster.tokens, this.#options.postProcess);
    return cluster.rendered;
  }
}
