import type { Session } from '../session-grouper.js';

/** A deterministic pseudo-random generator (mulberry32), so tests are repeatable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function session(key: string, counts: Record<string, number>, startMs = 0): Session {
  const map = new Map(Object.entries(counts).filter(([, n]) => n > 0));
  const lines = [...map.values()].reduce((s, n) => s + n, 0);
  return { key, segment: 0, startMs, endMs: startMs + 1000, lines, counts: map };
}

/**
 * HDFS-like write sessions: `alloc` once, then `recv`, `ack` and `stored` once per replica (2–4 replicas), plus a
 * variable number of `read` lines. Anomalous kinds: `lost` (a replica never acknowledged), `error` (an `err` line).
 */
export function hdfsLikeSessions(
  normal: number,
  anomalies: { lost?: number; error?: number } = {},
  seed = 1,
): { sessions: Session[]; anomalous: Set<string> } {
  const random = seededRandom(seed);
  const sessions: Session[] = [];
  const anomalous = new Set<string>();
  const replicas = (): number => 2 + Math.floor(random() * 3);
  for (let i = 0; i < normal; i++) {
    const r = replicas();
    sessions.push(
      session(`n${i}`, { alloc: 1, recv: r, ack: r, stored: r, read: Math.floor(random() * 6) }, i),
    );
  }
  for (let i = 0; i < (anomalies.lost ?? 0); i++) {
    const r = replicas();
    sessions.push(session(`lost${i}`, { alloc: 1, recv: r, ack: r - 1, stored: r - 1 }, normal + i));
    anomalous.add(`lost${i}`);
  }
  for (let i = 0; i < (anomalies.error ?? 0); i++) {
    const r = replicas();
    sessions.push(session(`err${i}`, { alloc: 1, recv: r, ack: r, stored: r, err: 1 }, normal + 1000 + i));
    anomalous.add(`err${i}`);
  }
  return { sessions, anomalous };
}

/** Add independent background lines: each of `templates` noise templates appears once with probability `p`. */
export function withNoise(sessions: readonly Session[], templates: number, p: number, seed = 11): Session[] {
  const random = seededRandom(seed);
  return sessions.map((s) => {
    const counts = Object.fromEntries(s.counts);
    for (let j = 0; j < templates; j++) if (random() < p) counts[`noise${j}`] = 1;
    return session(s.key, counts, s.startMs);
  });
}
