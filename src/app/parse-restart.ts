import type { RestartPolicySpec } from './app-spec.js';
import type { ParseResult } from './parse-result.js';

/**
 * Maps the service-level `restart` (Compose Specification) onto Berth's restart policy:
 * `no` => none, `always` and `unless-stopped` => any (Berth never stops a service behind the user's
 * back, so the two only differ after a manual stop, which Berth does not model), `on-failure[:N]` =>
 * on-failure with at most N attempts.
 *
 * @example
 * parseRestart('on-failure:3'); // { ok: true, value: { condition: 'on-failure', maxAttempts: 3 } }
 */
export function parseRestart(value: string): ParseResult<RestartPolicySpec> {
  if (value === 'no') return { ok: true, value: { condition: 'none' } };
  if (value === 'always' || value === 'unless-stopped') return { ok: true, value: { condition: 'any' } };
  const match = /^on-failure(?::(\d+))?$/.exec(value);
  if (match === null) return { ok: false, reason: 'expected no, always, on-failure[:N] or unless-stopped' };
  const attempts = match[1];
  return {
    ok: true,
    value: { condition: 'on-failure', ...(attempts === undefined ? {} : { maxAttempts: Number(attempts) }) },
  };
}
