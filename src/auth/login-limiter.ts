/**
 * Failed-login throttling per key (user name and client address): after `maxFailures` failures within
 * `windowMs`, further attempts are refused until the window has passed since the last failure.
 */
export class LoginLimiter {
  readonly #failures = new Map<string, number[]>();

  constructor(
    readonly maxFailures = 5,
    readonly windowMs = 15 * 60_000,
  ) {}

  /** Milliseconds until `key` may try again (0: now). */
  retryAfterMs(key: string, nowMs: number): number {
    const recent = (this.#failures.get(key) ?? []).filter((t) => nowMs - t < this.windowMs);
    this.#failures.set(key, recent);
    if (recent.length < this.maxFailures) return 0;
    return this.windowMs - (nowMs - (recent.at(-1) ?? nowMs));
  }

  fail(key: string, nowMs: number): void {
    this.#failures.set(key, [...(this.#failures.get(key) ?? []), nowMs].slice(-this.maxFailures));
  }

  succeed(key: string): void {
    this.#failures.delete(key);
  }
}
