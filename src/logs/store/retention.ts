import type { z } from 'zod';
import type { RetentionPolicySchema } from './log-store-options.js';

export type RetentionSettings = z.output<typeof RetentionPolicySchema>;

/** One rule of a retention run: a `SELECT id` of the sealed blocks it drops. */
export interface RetentionStep {
  rule: string;
  sql: string;
  params: Record<string, unknown>;
}

const blockBytes = 'b.length + b.bloom_bytes';
const fromBlocks = 'FROM blocks b JOIN streams s ON s.id = b.stream_id WHERE b.sealed = 1';

/**
 * Turns a policy into ordered steps (pure). Whole blocks go, judged by their newest entry for age and
 * newest-first cumulative size for size, so a block is dropped only when all of it is expired or when
 * newer data already fills the budget (Loki's compactor also works on whole chunks). Order: per-app
 * ages, the global age for the other apps, per-app sizes, then the global size over what is left.
 */
export function retentionSteps(policy: RetentionSettings): RetentionStep[] {
  const steps: RetentionStep[] = [];
  const perApp = Object.entries(policy.perApp ?? {});
  const ownAge = perApp.filter(([, l]) => l.maxAgeMs !== undefined).map(([app]) => app);
  for (const [app, limits] of perApp) {
    if (limits.maxAgeMs === undefined) continue;
    steps.push({
      rule: `age of app ${app}`,
      sql: `SELECT b.id ${fromBlocks} AND s.app = @app AND b.max_ts < @cutoff`,
      params: { app, cutoff: policy.nowMs - limits.maxAgeMs },
    });
  }
  if (policy.maxAgeMs !== undefined) {
    steps.push({
      rule: 'age',
      sql: `SELECT b.id ${fromBlocks} AND b.max_ts < @cutoff
            AND (s.app IS NULL OR s.app NOT IN (SELECT value FROM json_each(@apps)))`,
      params: { cutoff: policy.nowMs - policy.maxAgeMs, apps: JSON.stringify(ownAge) },
    });
  }
  for (const [app, limits] of perApp) {
    if (limits.maxBytes === undefined) continue;
    steps.push({
      rule: `size of app ${app}`,
      sql: sizeSql('AND s.app = @app'),
      params: { app, maxBytes: limits.maxBytes },
    });
  }
  if (policy.maxBytes !== undefined) {
    steps.push({ rule: 'size', sql: sizeSql(''), params: { maxBytes: policy.maxBytes } });
  }
  return steps;
}

function sizeSql(filter: string): string {
  return `SELECT id FROM (
    SELECT b.id, SUM(${blockBytes}) OVER (ORDER BY b.max_ts DESC, b.id DESC) AS newest_bytes
    ${fromBlocks} ${filter}) WHERE newest_bytes > @maxBytes`;
}
