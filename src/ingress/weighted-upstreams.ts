/**
 * Traffic weights for a canary through DNS-fed upstreams. Caddy 2.6 has no weighted load-balancing
 * policy, but its dynamic `a` upstreams keep repeated A records and round-robin over the list, so an
 * address that appears three times gets three times the requests (measured: 30/10 for 3:1). This picks
 * how often each address appears so the canary's share is as close as possible to the asked percentage
 * within `maxRecords` answers (a DNS answer must fit 512 bytes: 24 records of 16 bytes leave room for the
 * header and question), and interleaves them so neither side gets bursts.
 */
export interface WeightedUpstreams {
  /** The upstream list to publish, with repeats. */
  upstreams: string[];
  /** The canary's share of requests this list gives, in percent (may differ from the asked one). */
  actualPercent: number;
}

export const maxDnsRecords = 24;

export function weightedUpstreams(
  stable: readonly string[],
  canary: readonly string[],
  canaryPercent: number,
  maxRecords: number = maxDnsRecords,
): WeightedUpstreams {
  if (canary.length === 0 || (canaryPercent <= 0 && stable.length > 0)) {
    return { upstreams: [...stable], actualPercent: 0 };
  }
  if (stable.length === 0 || canaryPercent >= 100) return { upstreams: [...canary], actualPercent: 100 };
  const target = canaryPercent / 100;
  let best = { a: 1, b: 1, error: Number.POSITIVE_INFINITY };
  for (let a = 1; a * canary.length + stable.length <= maxRecords; a++) {
    for (let b = 1; a * canary.length + b * stable.length <= maxRecords; b++) {
      const share = (a * canary.length) / (a * canary.length + b * stable.length);
      const error = Math.abs(share - target);
      // Fewer records win ties: a shorter answer and a shorter round-robin cycle.
      if (error < best.error - 1e-9) best = { a, b, error };
    }
  }
  const entries = [
    ...canary.map((address) => ({ address, weight: best.a })),
    ...stable.map((address) => ({ address, weight: best.b })),
  ];
  const upstreams = smoothInterleave(entries);
  const canaryCount = best.a * canary.length;
  return {
    upstreams,
    actualPercent: Math.round((canaryCount / upstreams.length) * 1000) / 10,
  };
}

/** Smooth weighted round robin (as nginx orders its upstreams): spreads each address evenly over the list. */
function smoothInterleave(entries: readonly { address: string; weight: number }[]): string[] {
  const total = entries.reduce((sum, e) => sum + e.weight, 0);
  const current = entries.map(() => 0);
  const out: string[] = [];
  for (let n = 0; n < total; n++) {
    let pick = 0;
    for (let i = 0; i < entries.length; i++) {
      current[i] = (current[i] ?? 0) + (entries[i]?.weight ?? 0);
      if ((current[i] ?? 0) > (current[pick] ?? 0)) pick = i;
    }
    current[pick] = (current[pick] ?? 0) - total;
    out.push(entries[pick]?.address ?? '');
  }
  return out;
}
