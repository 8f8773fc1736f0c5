import { bloomHas } from './token-bloom.js';
import { gramBytes, gramStride, isTokenByte, itemHashes } from './token-items.js';

/** Items that must all be in a block's bloom (hash pairs from token-items.ts). */
type Alternative = readonly (readonly [number, number])[];
/** At least one alternative must be fully present. */
type Requirement = readonly Alternative[];

/**
 * What the blooms must contain for a block to possibly hold a line containing every literal.
 * Each literal is cut into token pieces; what a piece may probe depends on whether the literal itself
 * shows where the surrounding line token starts and ends:
 *
 * - a piece bounded by separators on both sides is a whole line token: probe it whole (< 8 bytes) or
 *   its grams at 0, 4, 8, … and its last 8 bytes;
 * - a piece that starts after a separator but reaches the literal's end is a token prefix: its grams
 *   at 0, 4, 8, … are the token's own grams (pieces under 8 bytes say nothing);
 * - a piece that starts at the literal's start may begin anywhere inside the line token, so the
 *   token's grams can sit at any of 4 alignments: one alternative per alignment, usable from
 *   11 bytes (every alignment then holds a gram); if the piece ends before a separator, its last
 *   8 bytes are the token's last gram and are probed too.
 *
 * Bytes of a prefix piece past its last aligned gram are not probed: `|= "id=12345678901"` cannot
 * tell apart blocks holding `id=12345678999`.
 *
 * So `blk_-1608999687919862906` probes the grams of `1608999687919862906` (the leading `blk` could be
 * the end of `xblk`), and a bare trace id probes its grams at 4 alignments. Empty result = no skipping.
 */
export type ProbePlan = readonly Requirement[];

export function planLiterals(literals: readonly string[]): ProbePlan {
  const plan: Requirement[] = [];
  for (const literal of literals) {
    const bytes = Buffer.from(literal, 'utf8');
    let i = 0;
    while (i < bytes.length) {
      while (i < bytes.length && !isTokenByte(bytes[i] ?? 0)) i++;
      const start = i;
      while (i < bytes.length && isTokenByte(bytes[i] ?? 0)) i++;
      if (i === start) break;
      const requirement = pieceRequirement(bytes, start, i, start === 0, i === bytes.length);
      if (requirement !== undefined) plan.push(requirement);
    }
  }
  return plan;
}

function pieceRequirement(
  bytes: Uint8Array,
  start: number,
  end: number,
  openStart: boolean,
  openEnd: boolean,
): Requirement | undefined {
  const len = end - start;
  const tail: Alternative =
    !openEnd && len >= gramBytes ? [itemHashes(bytes, end - gramBytes, gramBytes)] : [];
  if (!openStart) {
    if (len < gramBytes) return openEnd ? undefined : [[itemHashes(bytes, start, len)]];
    return [[...grams(bytes, start, end, 0), ...tail]];
  }
  if (len < gramBytes + gramStride - 1) return tail.length === 0 ? undefined : [tail];
  const alternatives: Alternative[] = [];
  for (let align = 0; align < gramStride; align++)
    alternatives.push([...grams(bytes, start, end, align), ...tail]);
  return alternatives;
}

function grams(bytes: Uint8Array, start: number, end: number, align: number): Alternative {
  const items: (readonly [number, number])[] = [];
  for (let o = start + align; o + gramBytes <= end; o += gramStride) {
    items.push(itemHashes(bytes, o, gramBytes));
  }
  return items;
}

/**
 * Whether a block may hold a line that contains every planned literal, asking `has(a, b)` about each
 * item only until the answer is known (a needle usually stops at its first item).
 */
export function planMayMatch(plan: ProbePlan, has: (a: number, b: number) => boolean): boolean {
  return plan.every((requirement) =>
    requirement.some((alternative) => alternative.every(([a, b]) => has(a, b))),
  );
}

/** `planMayMatch` against a whole bloom in memory. */
export function bloomMayMatch(bloom: Uint8Array, plan: ProbePlan): boolean {
  return planMayMatch(plan, (a, b) => bloomHas(bloom, a, b));
}
