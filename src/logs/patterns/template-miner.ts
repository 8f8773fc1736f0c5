import { BerthError } from '../../errors/index.js';
import { Masker } from './masker.js';
import { compileMasks } from './masking.js';
import { resolveOptions } from './miner-options.js';
import type { ResolvedOptions, TemplateMinerOptions } from './miner-options.js';
import { renderTemplate } from './post-process.js';
import { fits } from './signature.js';
import { SignatureStore } from './signature-store.js';
import type { Group, Signature, Template } from './signature.js';
import { TemplateMinerSnapshot } from './snapshot.js';
import { tokenize } from './tokenize.js';

/** Placeholder until the store encodes a new signature's tokens. */
const EMPTY_CODES = new Int32Array(0);

/** What `add()` tells about one line. */
export interface AddResult {
  /** The line's template now; templates are refined as lines arrive, so read it again later via `resolve()`. */
  readonly templateId: string;
  /** The template's text now (post-processed). */
  readonly template: string;
  /** True if the line started a new template. */
  readonly isNew: boolean;
  /** The line's masked shape: stable for ever; `resolve(signatureId)` gives its current template. */
  readonly signatureId: string;
}

/** One mined template. `firstSeen`/`lastSeen` are the `seenAt` values given to `add()` (default: line ordinal). */
export interface TemplateInfo {
  readonly id: string;
  readonly template: string;
  readonly count: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

/**
 * An online log-template miner. Each line is masked (`DEFAULT_MASKS`) and tokenised; lines with the same masked
 * tokens share a *signature* (one hash lookup per line, which is what makes it fast). Signatures of one token
 * count are grouped into events after Brain (Yu et al., IEEE TSC 2023; see `groupSignatures`), and groups of
 * different token counts with the same words are merged. Grouping is redone from the counts as lines arrive,
 * so templates are refined over time; a line keeps its signature, and `resolve()` gives its current template,
 * which is how logparser scores Drain (each line gets its cluster's final template).
 * Pure: no I/O, no clock; persist it with `toJSON()` / `TemplateMiner.fromJSON()`.
 *
 * @example
 * const miner = new TemplateMiner();
 * miner.add('connected to 10.0.0.1 in 35 ms').template; // 'connected to <*> in <*> ms'
 * miner.add('connected to 10.0.0.2 in 7 ms').isNew; // false
 */
export class TemplateMiner {
  readonly #options: ResolvedOptions;
  readonly #masker: Masker;
  readonly #store: SignatureStore;
  #lines = 0;

  constructor(options: TemplateMinerOptions = {}) {
    this.#options = resolveOptions(options);
    const defaults = resolveOptions({}).masks;
    const digitAgnostic = JSON.stringify(this.#options.masks) === JSON.stringify(defaults);
    this.#masker = new Masker(compileMasks(this.#options.masks), { digitAgnostic });
    this.#store = new SignatureStore(this.#options.variableThreshold, this.#options.maxSignaturesPerLength);
  }

  /** Mine one line (its message, without timestamp/level header, for best results). */
  add(line: string, seenAt?: number): AddResult {
    const at = seenAt ?? this.#lines;
    this.#lines++;
    const words = this.#masker.words(line);
    const key = words.join(' ');
    let signature = this.#store.lookup(key);
    let isNew = false;
    if (signature === undefined) {
      const { tokens, glue } = tokenize(words);
      signature = this.#store.findFolded(tokens);
      if (signature === undefined) {
        const index = this.#store.signatures.length;
        signature = {
          index,
          id: `S${index + 1}`,
          key,
          tokens,
          codes: EMPTY_CODES,
          glue,
          wild: undefined,
          count: 0,
          firstSeen: at,
          lastSeen: at,
          group: undefined,
        };
        signature = this.#store.insert(signature);
        // New if no older signature shares its template (the template's id is its oldest signature).
        isNew = this.#view((signature.group as Group).template).id === signature.id.replace('S', 'T');
      }
    }
    signature.count++;
    if (at < signature.firstSeen) signature.firstSeen = at;
    if (at > signature.lastSeen) signature.lastSeen = at;
    this.#store.touch(signature);
    const view = this.#view((signature.group as Group).template);
    return { templateId: view.id, template: view.text, isNew, signatureId: signature.id };
  }

  /**
   * The template a line belongs to without learning from it: its signature's template, or the template of a group
   * whose constant tokens all equal the line's. Undefined if none fits. Regroups the line's token count first if
   * lines were added to it since (so it costs more right after `add()` than between reads).
   */
  match(line: string): { templateId: string; template: string } | undefined {
    const words = this.#masker.words(line);
    const { tokens } = tokenize(words);
    const groups = this.#store.groupsFor(tokens.length);
    const known = this.#store.lookup(words.join(' '));
    const group = known?.group ?? groups.find((g) => fits(g, tokens));
    if (group === undefined) return undefined;
    const view = this.#view(group.template);
    return { templateId: view.id, template: view.text };
  }

  /** The current template of a line, by the `signatureId` that `add()` returned; undefined for unknown ids. */
  resolve(signatureId: string): { templateId: string; template: string } | undefined {
    const signature = this.#signature(signatureId, 'S');
    if (signature === undefined) return undefined;
    this.#store.refresh();
    const view = this.#view((signature.group as Group).template);
    return { templateId: view.id, template: view.text };
  }

  /** All templates, ordered by id (the first line that formed each). */
  templates(): TemplateInfo[] {
    this.#store.refresh();
    return this.#store
      .templates()
      .map((t) => {
        const members = [...t.groups].flatMap((g) => g.members);
        return {
          ...this.#view(t),
          count: members.reduce((s, m) => s + m.count, 0),
          firstSeen: Math.min(...members.map((m) => m.firstSeen)),
          lastSeen: Math.max(...members.map((m) => m.lastSeen)),
        };
      })
      .sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)))
      .map(({ id, text, count, firstSeen, lastSeen }) => ({
        id,
        template: text,
        count,
        firstSeen,
        lastSeen,
      }));
  }

  /** The current template of a template id returned by `add()` (where its first line is now), or undefined. */
  template(id: string): string | undefined {
    const signature = this.#signature(id, 'T');
    if (signature === undefined) return undefined;
    this.#store.refresh();
    return this.#view((signature.group as Group).template).text;
  }

  /** How many lines were added. */
  get lineCount(): number {
    return this.#lines;
  }

  /** A JSON-safe snapshot of options and signatures; `fromJSON()` restores it exactly. */
  toJSON(): TemplateMinerSnapshot {
    this.#store.refresh();
    const o = this.#options;
    const live = this.#store.signatures.filter((s, i) => s.index === i);
    return {
      format: 'berth.template-miner',
      version: 2,
      options: {
        variableThreshold: o.variableThreshold,
        maxSignaturesPerLength: o.maxSignaturesPerLength,
        masks: o.masks.map((m) => ({ ...m, requires: [...m.requires] })),
        postProcess: { ...o.postProcess },
      },
      lines: this.#lines,
      signatures: live.map((s) => ({
        index: s.index,
        tokens: [...s.tokens],
        glue: [...s.glue],
        ...(s.wild === undefined ? {} : { wild: [...s.wild] }),
        count: s.count,
        firstSeen: s.firstSeen,
        lastSeen: s.lastSeen,
      })),
      aliases: this.#store.signatures.flatMap((s, i): [number, number][] =>
        s.index === i ? [] : [[i, s.index]],
      ),
      compactionPoints: this.#store.compactionPoints(),
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
    const store = miner.#store;
    for (const s of snap.signatures) {
      const key =
        s.wild === undefined
          ? renderTemplate(s.tokens, { collapseAdjacentWildcards: false }, s.glue)
          : undefined;
      store.load({ ...s, id: `S${s.index + 1}`, key, codes: EMPTY_CODES, wild: s.wild, group: undefined });
    }
    for (const [index, target] of snap.aliases) {
      const signature = store.signatures[target];
      if (signature === undefined || signature.index !== target) {
        throw new BerthError(
          'BERTH_STORE',
          `Template miner snapshot folds signature ${index} into unknown ${target}.`,
          {
            hint: 'Pass the unmodified output of TemplateMiner.toJSON(), or start a new miner.',
          },
        );
      }
      store.alias(index, signature);
    }
    for (const [length, at] of snap.compactionPoints) store.setCompactionPoint(length, at);
    store.refresh();
    miner.#lines = snap.lines;
    return miner;
  }

  /** The live signature behind an `S<n>` or `T<n>` id. */
  #signature(id: string, prefix: 'S' | 'T'): Signature | undefined {
    if (!id.startsWith(prefix)) return undefined;
    const n = Number(id.slice(1));
    if (!Number.isInteger(n) || n < 1) return undefined;
    return this.#store.signatures[n - 1];
  }

  /** A template's id (its oldest signature) and text (its busiest group, rendered); cached until it changes. */
  #view(template: Template): { readonly id: string; readonly text: string } {
    if (template.view !== undefined) return template.view;
    let oldest = Infinity;
    let busiest: Group | undefined;
    let busiestCount = -1;
    let busiestOldest = Infinity;
    for (const group of template.groups) {
      let count = 0;
      let groupOldest = Infinity;
      for (const m of group.members) {
        count += m.count;
        if (m.index < groupOldest) groupOldest = m.index;
      }
      oldest = Math.min(oldest, groupOldest);
      if (count > busiestCount || (count === busiestCount && groupOldest < busiestOldest)) {
        busiest = group;
        busiestCount = count;
        busiestOldest = groupOldest;
      }
    }
    const text =
      busiest === undefined ? '' : renderTemplate(busiest.tokens, this.#options.postProcess, busiest.glue);
    template.view = { id: `T${oldest + 1}`, text };
    return template.view;
  }
}
