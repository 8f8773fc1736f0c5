/**
 * Character sets for the mask prefilters (`MaskRule.requires`): which ASCII characters a text contains, as 128
 * bits in four 32-bit words, so that "may this regex match?" costs four ANDs per requirement instead of a regex
 * scan. Any non-ASCII character sets one extra flag, which every requirement accepts: a prefilter may only
 * skip a rule that cannot match.
 */

/** The ASCII characters of a text (bit c of word c >> 5) and whether it has any non-ASCII character. */
export interface CharSet {
  readonly words: Int32Array;
  nonAscii: boolean;
}

/** A reusable, empty set. */
export function newCharSet(): CharSet {
  return { words: new Int32Array(4), nonAscii: false };
}

/** Fill `set` with the characters of `text` (the set is reused to spare allocations on the hot path). */
export function fillCharSet(set: CharSet, text: string): CharSet {
  const w = set.words;
  w[0] = w[1] = w[2] = w[3] = 0;
  set.nonAscii = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) w[c >> 5] = (w[c >> 5] as number) | (1 << (c & 31));
    else set.nonAscii = true;
  }
  return set;
}

/** A requirement ("any of these characters") compiled to the same layout. */
export function compileRequirement(anyOf: string): CharSet {
  return fillCharSet(newCharSet(), anyOf);
}

/** True if the text may satisfy every requirement (shares a character with each, or has non-ASCII text). */
export function meetsAll(text: CharSet, requirements: readonly CharSet[]): boolean {
  const t = text.words;
  for (const r of requirements) {
    const q = r.words;
    const shared =
      ((t[0] as number) & (q[0] as number)) |
      ((t[1] as number) & (q[1] as number)) |
      ((t[2] as number) & (q[2] as number)) |
      ((t[3] as number) & (q[3] as number));
    if (shared === 0 && !text.nonAscii && !r.nonAscii) return false;
  }
  return true;
}

/** True if the text contains an ASCII digit (a loop: faster than a regex on the hot path). */
export function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}
