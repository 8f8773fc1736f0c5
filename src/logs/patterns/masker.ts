import { hasDigit } from './char-classes.js';
import { maskLine, maskToken, WILDCARD } from './masking.js';
import type { CompiledMask } from './masking.js';

const ADJACENT_WILDCARDS = /(?:<\*>){2,}/g;
const WHITESPACE = /\s+/;
// Whitespace other than a single space (tabs, runs of spaces, Unicode spaces) needs the regex split.
const SLOW_SPLIT = /[^\S ]| {2}/;
const DIGIT = /[0-9]/g;

/** Settings of a Masker. */
export interface MaskerOptions {
  /** Distinct tokens (and token shapes) remembered; the caches are emptied when full. */
  readonly cacheSize?: number;
  /**
   * True if no token rule tells one digit from another (digits only as `\d` or all-digit classes), so a token can
   * be masked from its *shape*, the token with every digit replaced by `0`. `DEFAULT_MASKS` qualify.
   */
  readonly digitAgnostic?: boolean;
}

/**
 * Turns a raw line into its masked words, fast: line masks run once per line and token masks once per distinct
 * token. Tokens with digits are mostly unique (numbers, ids), so with digit-agnostic rules they are masked from
 * their shape: if the shape comes out unchanged the token does too, and if no digit survives masking the token's
 * result equals the shape's. Only tokens that keep some digits and lose others run the rules themselves.
 */
export class Masker {
  readonly #masks: readonly CompiledMask[];
  readonly #hasLineMasks: boolean;
  readonly #hasTokenMasks: boolean;
  readonly #digitAgnostic: boolean;
  /** Characters of which a token must contain one for any token rule to apply (see `triggerTable`). */
  readonly #triggers: Uint8Array;
  readonly #tokens = new Map<string, string>();
  readonly #shapes = new Map<string, string>();
  /** Masked shape of an all-digit token, by length (the commonest unique token: counters, ids, timestamps). */
  readonly #integers: string[] = [];
  readonly #cacheSize: number;

  constructor(masks: readonly CompiledMask[], options: MaskerOptions = {}) {
    this.#masks = masks;
    this.#hasLineMasks = masks.some((m) => m.scope === 'line');
    this.#hasTokenMasks = masks.some((m) => m.scope === 'token');
    this.#triggers = triggerTable(masks.filter((m) => m.scope === 'token'));
    this.#digitAgnostic = options.digitAgnostic ?? false;
    this.#cacheSize = options.cacheSize ?? 20_000;
  }

  /** The masked, whitespace-separated words of a line; runs of glued wildcards collapse to one (`<*><*>` → `<*>`). */
  words(line: string): string[] {
    const masked = this.#hasLineMasks ? maskLine(line, this.#masks) : line;
    const trimmed = masked.trim();
    if (trimmed === '') return [];
    // split(' ') is several times faster than a regex split.
    const words = SLOW_SPLIT.test(trimmed) ? trimmed.split(WHITESPACE) : trimmed.split(' ');
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as string;
      words[i] = this.#hasTokenMasks ? this.token(word) : collapse(word);
    }
    return words;
  }

  /** One token, masked (the same result as `maskToken`, from the caches when possible). */
  token(word: string): string {
    // One pass: can any rule apply, does the word have digits, is it only digits?
    const triggers = this.#triggers;
    let mayChange = false;
    let digits = 0;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      if (c >= 48 && c <= 57) digits++;
      if (c >= 128 || triggers[c] === 1) mayChange = true;
    }
    if (!mayChange) return word;
    if (digits === 0) return this.#tokens.get(word) ?? this.#remember(this.#tokens, word, this.#mask(word));
    if (!this.#digitAgnostic) return this.#mask(word);
    if (digits === word.length) {
      // Counters, ids, timestamps: the shape is `0` × length, so no hashing at all.
      const shape = '0'.repeat(word.length);
      const maskedShape = (this.#integers[word.length] ??= this.#mask(shape));
      return maskedShape === shape ? word : hasDigit(maskedShape) ? this.#mask(word) : maskedShape;
    }
    const cached = this.#tokens.get(word);
    if (cached !== undefined) return cached;
    const shape = word.replace(DIGIT, '0');
    const maskedShape = this.#shapes.get(shape) ?? this.#remember(this.#shapes, shape, this.#mask(shape));
    if (maskedShape === shape) return this.#remember(this.#tokens, word, word);
    if (!hasDigit(maskedShape)) return maskedShape;
    return this.#mask(word);
  }

  #mask(word: string): string {
    return collapse(maskToken(word, this.#masks));
  }

  #remember(cache: Map<string, string>, key: string, value: string): string {
    if (cache.size >= this.#cacheSize) cache.clear();
    cache.set(key, value);
    return value;
  }
}

/**
 * The ASCII characters that can make some token rule run: for each rule, the smallest of its `requires` sets
 * (a token missing all of that set's characters fails the rule's prefilter); every character if a rule has none.
 */
function triggerTable(rules: readonly CompiledMask[]): Uint8Array {
  const table = new Uint8Array(128);
  for (const rule of rules) {
    const sets = rule.requires.map((r) => r.words);
    if (sets.length === 0) return table.fill(1);
    let smallest = sets[0] as Int32Array;
    for (const set of sets) if (popCount(set) < popCount(smallest)) smallest = set;
    for (let c = 0; c < 128; c++) if ((((smallest[c >> 5] as number) >>> (c & 31)) & 1) === 1) table[c] = 1;
  }
  return table;
}

function popCount(words: Int32Array): number {
  let n = 0;
  for (let c = 0; c < 128; c++) n += ((words[c >> 5] as number) >>> (c & 31)) & 1;
  return n;
}

function collapse(word: string): string {
  return word.includes('<*><*>') ? word.replace(ADJACENT_WILDCARDS, WILDCARD) : word;
}
