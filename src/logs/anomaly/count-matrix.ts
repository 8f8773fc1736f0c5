import type { Session } from './session-grouper.js';

/** One distinct count vector and how many sessions have it. */
export interface WeightedRow {
  readonly x: readonly number[];
  readonly weight: number;
}

/**
 * The session × template count matrix, with identical rows merged: HDFS's 26,000 sessions have ~200 distinct
 * vectors, so model fitting costs per distinct vector, not per session.
 */
export interface CountMatrix {
  /** Template ids, one per column, in order of first appearance. */
  readonly vocabulary: readonly string[];
  /** Distinct rows, heaviest first. */
  readonly rows: readonly WeightedRow[];
  /** Number of sessions (sum of weights). */
  readonly total: number;
}

/** Build the count matrix of sessions. */
export function countMatrix(sessions: readonly Session[]): CountMatrix {
  const index = new Map<string, number>();
  for (const s of sessions) for (const id of s.counts.keys()) if (!index.has(id)) index.set(id, index.size);
  const merged = new Map<string, WeightedRow & { weight: number }>();
  for (const s of sessions) {
    const x = vectorOf(s.counts, index);
    const id = x.join(',');
    const row = merged.get(id);
    if (row === undefined) merged.set(id, { x, weight: 1 });
    else row.weight++;
  }
  return {
    vocabulary: [...index.keys()],
    rows: [...merged.values()].sort((a, b) => b.weight - a.weight),
    total: sessions.length,
  };
}

/** The counts of a session over a vocabulary index; templates outside it are ignored (see `unseenTemplates`). */
export function vectorOf(counts: ReadonlyMap<string, number>, index: ReadonlyMap<string, number>): number[] {
  const x = new Array<number>(index.size).fill(0);
  for (const [id, n] of counts) {
    const i = index.get(id);
    if (i !== undefined) x[i] = n;
  }
  return x;
}

/** The templates of a session that the vocabulary does not contain, with their counts. */
export function unseenTemplates(
  counts: ReadonlyMap<string, number>,
  index: ReadonlyMap<string, number>,
): [string, number][] {
  return [...counts].filter(([id]) => !index.has(id));
}
