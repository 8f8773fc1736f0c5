import { isParamLike } from './token-dictionary.js';

/** One distinct masked token sequence: the unit a line is filed under, forever. */
export interface Signature {
  /** Stable position in creation order; `S<index + 1>` outside. */
  readonly index: number;
  /** `S<index + 1>`, built once. */
  readonly id: string;
  /** The masked line (words joined by one space); undefined for folded signatures. */
  readonly key: string | undefined;
  readonly tokens: readonly string[];
  /** The tokens' codes in the store's dictionary (set by the store). */
  codes: Int32Array;
  readonly glue: readonly boolean[];
  /** Positions that accept any token: set on signatures folded by `compact()`, else undefined. */
  readonly wild: readonly boolean[] | undefined;
  count: number;
  firstSeen: number;
  lastSeen: number;
  group: Group | undefined;
}

/** A set of signatures of one token count that form one event. */
export interface Group {
  readonly members: readonly Signature[];
  readonly tokens: readonly string[];
  readonly glue: readonly boolean[];
  /** Positions where members differ (parameters of this group). */
  readonly variable: readonly boolean[];
  template: Template;
}

/** What users see: one group, or groups of different token counts with the same words (see `skeletonOf`). */
export interface Template {
  readonly groups: Set<Group>;
  readonly skeleton: string | undefined;
  /** Cached id and text (see TemplateMiner); cleared whenever the groups change. */
  view: { readonly id: string; readonly text: string } | undefined;
}

/** A group of these members; `template` is set when the store attaches it. */
export function newGroup(members: Signature[], tokens: string[], glue: readonly boolean[]): Group {
  const head = (members[0] as Signature).codes;
  const variable = tokens.map((_, i) => members.some((m) => m.codes[i] !== head[i] || m.wild?.[i] === true));
  // `template` is set by #attach right after.
  return { members, tokens, glue, variable, template: undefined as unknown as Template };
}

/**
 * The words of a template without its parameters: templates of different token counts with the same skeleton
 * are one event whose parameters spanned a different number of tokens (`bytes sent` / `bytes (<*>) sent`).
 * Undefined for templates with fewer than two words, which are too short to merge safely.
 */
export function skeletonOf(tokens: readonly string[]): string | undefined {
  const words = tokens.filter((t) => t !== '' && !isParamLike(t));
  return words.length < 2 ? undefined : words.join('\u0000');
}

/** True if a group's constant tokens all equal the line's tokens (its parameters accept anything). */
export function fits(group: Group, tokens: readonly string[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    if (group.variable[i] !== true && group.tokens[i] !== tokens[i]) return false;
  }
  return true;
}

/** True if a folded signature accepts these tokens (its wild positions accept anything). */
export function acceptsTokens(signature: Signature, tokens: readonly string[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    if (signature.wild?.[i] !== true && signature.tokens[i] !== tokens[i]) return false;
  }
  return true;
}
