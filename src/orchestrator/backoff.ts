/** CrashLoopBackOff timing (kubelet: 10 s doubling to 300 s, reset after 10 min of clean running). */
export interface BackoffConfig {
  initialMs: number;
  maxMs: number;
  /** A container that ran at least this long before exiting starts a fresh crash loop. */
  resetMs: number;
}

/**
 * Delay before restart number `attempt` (1-based) of one crash loop. The first restart is immediate,
 * like the kubelet's; then `initialMs`, doubling, capped at `maxMs`.
 *
 * @example
 * crashLoopDelayMs(3, { initialMs: 10_000, maxMs: 300_000, resetMs: 600_000 }); // 20_000
 */
export function crashLoopDelayMs(attempt: number, config: BackoffConfig): number {
  if (attempt <= 1) return 0;
  const exponent = Math.min(attempt - 2, 30);
  return Math.min(config.initialMs * 2 ** exponent, config.maxMs);
}

/** Restart bookkeeping for one replica slot, kept in memory by the orchestrator. */
export interface RestartRecord {
  /** Restarts in the current crash loop. */
  attempts: number;
  /** Restarts over the replica's life (shown by `berth ps`). */
  total: number;
  lastRestartAt: number;
}

/** The attempt number the next restart would be, after applying the reset rule. */
export function nextAttempt(
  record: RestartRecord | undefined,
  ranForMs: number,
  config: BackoffConfig,
): number {
  if (!record || ranForMs >= config.resetMs) return 1;
  return record.attempts + 1;
}
