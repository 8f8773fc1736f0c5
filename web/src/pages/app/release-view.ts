import type { ReleaseSummary } from '../../api';
import type { Tone } from '../../components';

/**
 * A release as the API sends it. `paused` (issue 3's rollout policy) is a status the shared
 * `ReleaseStatus` type does not list yet, so the page reads the status as a string.
 */
export type Release = Omit<ReleaseSummary, 'status'> & { status: string };

/** The word the releases table shows, and its tone. */
export interface ReleaseState {
  status: string;
  tone: Tone;
}

/**
 * How a release reads: `progressing` while pending, `verified` once an active release had every replica
 * ready (`verifiedAt`), `paused`, `failed`, `rolled back`, or `superseded` by a newer one.
 *
 * @example
 * releaseState({ status: 'active', verifiedAt: '2026-…' }) // { status: 'verified', tone: 'ok' }
 */
export function releaseState(release: Pick<Release, 'status' | 'verifiedAt'>): ReleaseState {
  switch (release.status) {
    case 'pending':
      return { status: 'progressing', tone: 'info' };
    case 'active':
      return release.verifiedAt ? { status: 'verified', tone: 'ok' } : { status: 'active', tone: 'ok' };
    case 'paused':
      return { status: 'paused', tone: 'warn' };
    case 'failed':
      return { status: 'failed', tone: 'bad' };
    case 'rolled-back':
      return { status: 'rolled-back', tone: 'warn' };
    default:
      return { status: release.status, tone: 'neutral' };
  }
}

/** Who made a release and why, read from its `reason` (docs/api.md lists the forms). */
export interface Origin {
  who: string;
  why: string;
}

/**
 * Splits a release's reason into who and why: `scale web=3 by ada` -> ada / scale web=3;
 * `rollback to 2 (manual, by ada)` -> ada / rollback to 2; `pipeline shop run 7 (abc123)` -> pipeline;
 * `rollback to 2: release 3 …` (automatic) -> berth.
 */
export function releaseOrigin(reason: string): Origin {
  const manual = /^(.*) \(manual, by ([^)]+)\)$/.exec(reason);
  if (manual) return { who: manual[2] ?? '', why: manual[1] ?? reason };
  const by = /^(.*) by (\S+)$/.exec(reason);
  if (by) return { who: by[2] ?? '', why: by[1] ?? reason };
  if (reason.startsWith('pipeline ')) return { who: 'pipeline', why: reason };
  if (/^rollback to \d+: /.test(reason)) return { who: 'berth (automatic)', why: reason };
  return { who: '', why: reason };
}

/** `sha256:0123456789ab…` -> `0123456789ab` (12 hex digits, as `docker images` shows ids). */
export function shortImageId(id: string | undefined): string {
  if (!id) return '';
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** The group an event kind belongs to, for the events filter: `replica.created` -> `replica`. */
export function eventGroup(kind: string): string {
  const dot = kind.indexOf('.');
  return dot === -1 ? kind : kind.slice(0, dot);
}

/** Whether a rollback to `release` is offered: any retained release except the current and a pending one. */
export function canRollBackTo(release: Pick<Release, 'number' | 'status'>, current: number | null): boolean {
  return release.number !== current && release.status !== 'pending';
}
