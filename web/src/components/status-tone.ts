/** How a status reads at a glance; every tone also has its own icon shape, not only a colour. */
export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'neutral';

const tones: Readonly<Record<string, Tone>> = {
  ready: 'ok',
  active: 'ok',
  verified: 'ok',
  success: 'ok',
  healthy: 'ok',
  running: 'ok',
  live: 'ok',
  passed: 'ok',
  completed: 'ok',
  degraded: 'warn',
  pending: 'warn',
  waiting: 'warn',
  starting: 'warn',
  restarting: 'warn',
  reconnecting: 'warn',
  'rolled-back': 'warn',
  medium: 'warn',
  warning: 'warn',
  failed: 'bad',
  failure: 'bad',
  error: 'bad',
  unhealthy: 'bad',
  firing: 'bad',
  dead: 'bad',
  exited: 'bad',
  critical: 'bad',
  high: 'bad',
  progressing: 'info',
  queued: 'info',
  created: 'info',
  connecting: 'info',
  low: 'info',
  superseded: 'neutral',
  cancelled: 'neutral',
  inactive: 'neutral',
  down: 'neutral',
  closed: 'neutral',
  skipped: 'neutral',
};

/** The tone of a status word from the API (case-insensitive; unknown words are neutral). */
export function statusTone(status: string): Tone {
  return tones[status.toLowerCase()] ?? 'neutral';
}

/** The words a user reads: `rolled-back` -> `rolled back`. */
export function statusLabel(status: string): string {
  return status.replace(/[-_]/g, ' ');
}
