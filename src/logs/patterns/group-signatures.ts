import { TokenDictionary } from './token-dictionary.js';
import { WILDCARD } from './masking.js';

/** One distinct token sequence (a signature) and how many lines had it. */
export interface SignatureStats {
  readonly tokens: readonly string[];
  readonly count: number;
  /** The tokens' codes in `dictionary` (pass them to spare the lookups; computed when absent). */
  readonly codes?: Int32Array;
}

/** One group of signatures and the template tokens they share (`<*>`-based where they differ). */
export interface SignatureGroup {
  /** Indices into the input array, ascending. */
  readonly members: number[];
  readonly template: string[];
}

// Scratch counters indexed by token code, reused across calls (all zero between uses).
let scratch = new Float64Array(1024);

/**
 * Group signatures of one token count into events, after Brain (Yu et al., "Brain: Log Parsing with
 * Bidirectional Parallel Tree", IEEE TSC 2023), computed over distinct signatures weighted by their line counts:
 *
 * 1. Count every token per position (weighted by lines).
 * 2. Each signature's *longest common pattern* is its set of tokens that share the frequency most of its tokens
 *    have (ties: the higher frequency); signatures with the same pattern (positions and tokens) form a group.
 * 3. Inside a group, a position outside the pattern is a parameter if it holds at least `variableThreshold`
 *    distinct tokens, or if most of its lines have a parameter-like token there (`<*>`, `(<*>)`, `()`); with
 *    fewer distinct tokens it is a constant that tells events apart, so the group splits on it (Brain's
 *    downward tree).
 *
 * Pure and deterministic: the same signatures and counts always give the same groups, in order of first member.
 * Tokens are compared by their codes in `dictionary` (a fresh one unless given), which makes step 1 array work.
 *
 * @example
 * groupSignatures([{ tokens: ['VM', 'Started'], count: 20 }, { tokens: ['VM', 'Paused'], count: 20 }], 4);
 * // two groups: 'Started' and 'Paused' are constants (2 distinct values < 4)
 */
export function groupSignatures(
  signatures: readonly SignatureStats[],
  variableThreshold: number,
  dictionary: TokenDictionary = new TokenDictionary(),
): SignatureGroup[] {
  const first = signatures[0];
  if (first === undefined) return [];
  const n = first.tokens.length;
  const codes = signatures.map((s) => s.codes ?? dictionary.encode(s.tokens));
  if (scratch.length < dictionary.size)
    scratch = new Float64Array(Math.max(dictionary.size, 2 * scratch.length));
  const wildcard = dictionary.code(WILDCARD);
  const frequency = cellFrequencies(signatures, codes, n);

  // Step 2: initial groups by longest common pattern (keyed by a hash of its positions and codes).
  const initial = new Map<number, { members: number[]; pattern: Uint8Array }[]>();
  const order: { members: number[]; pattern: Uint8Array }[] = [];
  for (let s = 0; s < codes.length; s++) {
    const row = codes[s] as Int32Array;
    const pattern = longestCommonPattern(row, frequency, s * n, wildcard);
    let hash = 0;
    for (let i = 0; i < n; i++)
      if (pattern[i] === 1) hash = (Math.imul(hash ^ i, 0x9e3779b1) + (row[i] as number)) | 0;
    const bucket = initial.get(hash);
    const group = bucket?.find((g) =>
      samePattern(g.pattern, pattern, codes[g.members[0] as number] as Int32Array, row),
    );
    if (group !== undefined) group.members.push(s);
    else {
      const created = { members: [s], pattern };
      order.push(created);
      if (bucket === undefined) initial.set(hash, [created]);
      else bucket.push(created);
    }
  }

  // Step 3: split each group on its low-cardinality positions.
  const groups: SignatureGroup[] = [];
  for (const { members, pattern } of order) {
    const splitOn: number[] = [];
    for (let i = 0; i < n; i++) {
      if (pattern[i] !== 1 && isSplitPosition(signatures, codes, members, i, variableThreshold, dictionary)) {
        splitOn.push(i);
      }
    }
    for (const part of partition(codes, members, splitOn)) {
      groups.push({ members: part, template: templateOf(signatures, codes, part) });
    }
  }
  return groups.sort((a, b) => (a.members[0] as number) - (b.members[0] as number));
}

function samePattern(a: Uint8Array, b: Uint8Array, rowA: Int32Array, rowB: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i] || (a[i] === 1 && rowA[i] !== rowB[i])) return false;
  }
  return true;
}

/** Members split by their tokens at `positions`, in order of first member. */
function partition(
  codes: readonly Int32Array[],
  members: readonly number[],
  positions: readonly number[],
): number[][] {
  if (positions.length === 0) return [members.slice()];
  const parts: number[][] = [];
  const byHash = new Map<number, number[][]>();
  for (const s of members) {
    const row = codes[s] as Int32Array;
    let hash = 0;
    for (const i of positions) hash = (Math.imul(hash, 0x9e3779b1) + (row[i] as number)) | 0;
    const candidates = byHash.get(hash);
    const part = candidates?.find((p) =>
      positions.every((i) => (codes[p[0] as number] as Int32Array)[i] === row[i]),
    );
    if (part !== undefined) part.push(s);
    else {
      const created = [s];
      parts.push(created);
      if (candidates === undefined) byHash.set(hash, [created]);
      else candidates.push(created);
    }
  }
  return parts;
}

/** Lines per (position, token), read back per cell: `out[s * n + i]` for signature s, position i. */
function cellFrequencies(
  signatures: readonly SignatureStats[],
  codes: readonly Int32Array[],
  n: number,
): Float64Array {
  const out = new Float64Array(signatures.length * n);
  for (let i = 0; i < n; i++) {
    for (let s = 0; s < codes.length; s++) {
      const code = (codes[s] as Int32Array)[i] as number;
      scratch[code] = (scratch[code] as number) + (signatures[s] as SignatureStats).count;
    }
    for (let s = 0; s < codes.length; s++)
      out[s * n + i] = scratch[(codes[s] as Int32Array)[i] as number] as number;
    for (let s = 0; s < codes.length; s++) scratch[(codes[s] as Int32Array)[i] as number] = 0;
  }
  return out;
}

/** The positions (1 = in) of the tokens whose frequency most tokens of this signature share (`<*>` never counts). */
function longestCommonPattern(
  row: Int32Array,
  frequency: Float64Array,
  offset: number,
  wildcard: number,
): Uint8Array {
  const n = row.length;
  // The mode of the frequencies, ties to the higher one; O(n²) beats a Map for the short lines of logs.
  let best = -1;
  let bestPositions = 0;
  for (let i = 0; i < n; i++) {
    if (row[i] === wildcard) continue;
    const f = frequency[offset + i] as number;
    if (f === best) continue;
    let positions = 0;
    for (let j = i; j < n; j++) if (row[j] !== wildcard && frequency[offset + j] === f) positions++;
    if (positions > bestPositions || (positions === bestPositions && f > best)) {
      best = f;
      bestPositions = positions;
    }
  }
  const pattern = new Uint8Array(n);
  for (let i = 0; i < n; i++) pattern[i] = row[i] !== wildcard && frequency[offset + i] === best ? 1 : 0;
  return pattern;
}

/** True if position i of these members has 2..threshold-1 distinct literal tokens (an event-type column). */
function isSplitPosition(
  signatures: readonly SignatureStats[],
  codes: readonly Int32Array[],
  members: readonly number[],
  i: number,
  variableThreshold: number,
  dictionary: TokenDictionary,
): boolean {
  let distinct = 0;
  let total = 0;
  let paramLikeLines = 0;
  for (const s of members) {
    const code = (codes[s] as Int32Array)[i] as number;
    const count = (signatures[s] as SignatureStats).count;
    if (scratch[code] === 0) distinct++;
    scratch[code] = 1;
    total += count;
    if (dictionary.isParamLike(code)) paramLikeLines += count;
  }
  for (const s of members) scratch[(codes[s] as Int32Array)[i] as number] = 0;
  if (distinct === 1 || distinct >= variableThreshold) return false;
  // A column that is mostly `<*>`-like with a few literal values (`LOCAL(<*>),` among `<*>,`) is a parameter;
  // one where a literal dominates (`****` among fan speeds) is an event of its own.
  return paramLikeLines * 2 <= total;
}

/** Template tokens: the shared token where all members agree, else `<*>` with the punctuation they share. */
function templateOf(
  signatures: readonly SignatureStats[],
  codes: readonly Int32Array[],
  members: readonly number[],
): string[] {
  const head = codes[members[0] as number] as Int32Array;
  const template = (signatures[members[0] as number] as SignatureStats).tokens.slice();
  for (let i = 0; i < template.length; i++) {
    for (const s of members) {
      if ((codes[s] as Int32Array)[i] !== head[i]) {
        template[i] = wildcardWithAffixes(
          members.map((m) => (signatures[m] as SignatureStats).tokens[i] as string),
        );
        break;
      }
    }
  }
  return template;
}

/**
 * `<*>` wrapped in the punctuation every value starts and ends with (`(<*>),` for `(a),` and `(b),`), so that a
 * template keeps the text around a parameter as the Loghub ground truths do.
 */
export function wildcardWithAffixes(values: readonly string[]): string {
  let prefix = values[0] ?? '';
  let suffix = prefix;
  for (const v of values) {
    let i = 0;
    while (i < prefix.length && i < v.length && prefix[i] === v[i]) i++;
    prefix = prefix.slice(0, i);
    let j = 0;
    while (j < suffix.length && j < v.length && suffix[suffix.length - 1 - j] === v[v.length - 1 - j]) j++;
    suffix = suffix.slice(suffix.length - j);
  }
  const pre = /^[^A-Za-z0-9<>*]*/.exec(prefix)?.[0] ?? '';
  const suf = /[^A-Za-z0-9<>*]*$/.exec(suffix)?.[0] ?? '';
  const shortest = Math.min(...values.map((v) => v.length));
  return pre.length + suf.length > shortest ? WILDCARD : `${pre}${WILDCARD}${suf}`;
}
