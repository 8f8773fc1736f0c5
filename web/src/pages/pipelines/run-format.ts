import type { PipelineRun } from '../../api';
import { formatDuration } from '../../format/time-ago';

/** `main`, `v1.2.0`; a run started without a ref builds the source's branch (`default branch`). */
export function refLabel(run: Pick<PipelineRun, 'ref' | 'trigger'>): string {
  if (run.ref) return run.ref.replace(/^refs\/(heads|tags)\//, '');
  return run.trigger.branch ?? run.trigger.tag ?? 'default branch';
}

/** `push by ada`, `cron nightly`, `manual by admin-token`. */
export function triggerLabel(
  run: Pick<PipelineRun, 'event' | 'trigger'> & { trigger: { cron?: string } },
): string {
  if (run.event === 'cron') return `cron${run.trigger.cron ? ` ${run.trigger.cron}` : ''}`;
  return `${run.event} by ${run.trigger.sender}`;
}

/** The run's (or step's) duration so far: start to finish, or to `nowMs` while it runs; null before it starts. */
export function elapsedMs(startedAt: number | null, finishedAt: number | null, nowMs: number): number | null {
  if (startedAt === null) return null;
  return Math.max(0, (finishedAt ?? nowMs) - startedAt);
}

/** `12.3 s`, or `–` when it has not started. */
export function durationText(startedAt: number | null, finishedAt: number | null, nowMs: number): string {
  const ms = elapsedMs(startedAt, finishedAt, nowMs);
  return ms === null ? '–' : formatDuration(ms);
}

/** Runs that are not over yet: they can be cancelled and their view follows the live stream. */
export function isActive(status: string): boolean {
  return status === 'queued' || status === 'running' || status === 'waiting';
}

/**
 * Page `page` (1-based) of an app's runs as a window of run numbers: runs are numbered from 1 per app
 * and never renumbered, so page k holds the numbers in [newest+1-k·size, newest+1-(k-1)·size). Gaps can
 * only make a page shorter; no run is shown twice or skipped while new runs arrive on page 1.
 *
 * @example
 * runWindow(95, 2, 20) // { before: 76, from: 56, pageCount: 5 }
 */
export function runWindow(
  newest: number,
  page: number,
  size: number,
): { before: number; from: number; pageCount: number } {
  const pageCount = Math.max(1, Math.ceil(newest / size));
  const p = Math.min(Math.max(1, page), pageCount);
  const before = newest + 1 - (p - 1) * size;
  return { before, from: Math.max(1, before - size), pageCount };
}
