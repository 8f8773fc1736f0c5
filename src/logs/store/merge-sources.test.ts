import { describe, expect, it } from 'vitest';
import { ArraySource } from './entry-source.js';
import { mergeSources, type Candidate } from './merge-sources.js';

function candidates(runs: number[][], forward: boolean, opened: number[]): Candidate[] {
  return runs
    .map((times, rank) => {
      const source = new ArraySource(
        times.map((t) => ({ timestampMs: t, line: `${rank}@${t}` })),
        { run: String(rank) },
      );
      return {
        boundary: forward ? Math.min(...times) : Math.max(...times),
        rank,
        open: () => {
          opened.push(rank);
          return Promise.resolve(source);
        },
      };
    })
    .sort((a, b) => (forward ? a.boundary - b.boundary : b.boundary - a.boundary));
}

async function merged(runs: number[][], direction: 'forward' | 'backward', limit?: number) {
  const opened: number[] = [];
  const out: string[] = [];
  const cands = candidates(runs, direction === 'forward', opened);
  for await (const batch of mergeSources(cands, { direction, limit, prefetch: 0 }))
    out.push(...batch.map((e) => e.line));
  return { out, opened };
}

describe('mergeSources', () => {
  const runs = [
    [1, 4, 9],
    [2, 3, 10],
    [5, 6, 7],
    [20, 21],
  ];

  it('merges overlapping sorted runs in time order', async () => {
    const { out } = await merged(runs, 'forward');
    expect(out).toEqual(['0@1', '1@2', '1@3', '0@4', '2@5', '2@6', '2@7', '0@9', '1@10', '3@20', '3@21']);
  });

  it('merges backward as the exact reverse, equal times included', async () => {
    const withTies = [[1, 2, 2], [2, 3], [2]];
    const forward = await merged(withTies, 'forward');
    const backward = await merged(withTies, 'backward');
    expect(backward.out).toEqual([...forward.out].reverse());
    expect(forward.out).toEqual(['0@1', '0@2', '0@2', '1@2', '2@2', '1@3']);
  });

  it('opens a run only when it may hold the next entry', async () => {
    const { out, opened } = await merged(runs, 'backward', 2);
    expect(out).toEqual(['3@21', '3@20']);
    expect(opened).toEqual([3]);
  });
});
