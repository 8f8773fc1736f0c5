/**
 * Masking: replace variable parts of a log line (ids, numbers, IPs…) before mining, so that lines of one event
 * share their tokens. Drain's authors call masking the main lever on accuracy (He et al., ICWS 2017, §III-A
 * "preprocess by domain knowledge"; Drain3 README "Masking").
 */
import { compileRequirement, fillCharSet, meetsAll, newCharSet } from './char-classes.js';
import type { CharSet } from './char-classes.js';

/** One masking rule: every match of `pattern` is replaced by `maskWith` (default `<*>`). */
export interface MaskRule {
  /** Short name, for documentation and snapshots (`ip`, `uuid`…). */
  readonly name: string;
  /** A regex source string (no flags: the rule is always applied globally), or a RegExp whose source is used. */
  readonly pattern: string | RegExp;
  /** The replacement. `<*>` makes the token a parameter; any other string stays a literal token. */
  readonly maskWith?: string;
  /**
   * `line` (default): the rule runs on the whole line. `token`: it runs on each whitespace-separated token on its
   * own, so a match never crosses whitespace; the miner can then cache the result per distinct token. Line rules
   * all run before token rules.
   */
  readonly scope?: 'line' | 'token';
  /**
   * A prefilter: the rule only runs on text that shares at least one character with every string of this list
   * (e.g. `['0123456789', '.']` for IPv4). It must never change the result, only skip work.
   */
  readonly requires?: readonly string[];
  /**
   * A second prefilter, for line rules: a regex source that must find a match in the line for the rule to run
   * (a cheap test such as `\d\sKB` in front of a slower pattern). Like `requires`, it only skips work.
   */
  readonly prefilter?: string;
}

/** The wildcard that marks a parameter in a template (Loghub and Drain convention). */
export const WILDCARD = '<*>';

/** A mask compiled once, with a global RegExp. */
export interface CompiledMask {
  readonly name: string;
  readonly regex: RegExp;
  readonly maskWith: string;
  readonly scope: 'line' | 'token';
  /** `requires` as character sets (see `char-classes.ts`). */
  readonly requires: readonly CharSet[];
  readonly prefilter: RegExp | undefined;
}

/** Compile mask rules; invalid regex sources throw the SyntaxError of `new RegExp`. */
export function compileMasks(rules: readonly MaskRule[]): CompiledMask[] {
  return rules.map((rule) => ({
    name: rule.name,
    regex: new RegExp(typeof rule.pattern === 'string' ? rule.pattern : rule.pattern.source, 'g'),
    maskWith: rule.maskWith ?? WILDCARD,
    scope: rule.scope ?? 'line',
    requires: (rule.requires ?? []).map(compileRequirement),
    prefilter: rule.prefilter === undefined ? undefined : new RegExp(rule.prefilter),
  }));
}

// Scratch character set for the prefilters (single-threaded, filled right before each use).
const scratch = newCharSet();

/** Apply the token-scope masks, in order, to one token. */
export function maskToken(token: string, masks: readonly CompiledMask[]): string {
  let out = token;
  let chars = fillCharSet(scratch, out);
  for (const mask of masks) {
    if (mask.scope !== 'token' || !meetsAll(chars, mask.requires)) continue;
    const next = out.replace(mask.regex, mask.maskWith);
    if (next !== out) {
      out = next;
      chars = fillCharSet(scratch, out);
    }
  }
  return out;
}

/** Apply the line-scope masks, in order, to a whole line. */
export function maskLine(line: string, masks: readonly CompiledMask[]): string {
  let out = line;
  let filled = false;
  for (const mask of masks) {
    if (mask.scope !== 'line') continue;
    if (mask.requires.length > 0) {
      if (!filled) fillCharSet(scratch, out);
      filled = true;
      if (!meetsAll(scratch, mask.requires)) continue;
    }
    if (mask.prefilter !== undefined && !mask.prefilter.test(out)) continue;
    const next = out.replace(mask.regex, mask.maskWith);
    if (next !== out) {
      out = next;
      filled = false;
    }
  }
  return out;
}

/**
 * Apply compiled masks to one line: line-scope masks first, in order, then token-scope masks on each
 * whitespace-separated token (whitespace is kept as it is).
 *
 * @example
 * applyMasks('conn from 10.0.0.1:80 id=42', compileMasks(DEFAULT_MASKS)); // 'conn from <*>:<*> id=<*>'
 */
export function applyMasks(line: string, masks: readonly CompiledMask[]): string {
  const out = maskLine(line, masks);
  if (!masks.some((m) => m.scope === 'token')) return out;
  return out.replace(/\S+/g, (token) => maskToken(token, masks));
}
