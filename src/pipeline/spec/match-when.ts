import { matchAnyGlob } from './glob.js';
import type { Filter, PathFilter, PipelineEvent, StepStatus, WhenClause } from './pipeline-spec.js';

/** What started the run. */
export interface TriggerContext {
  readonly event: PipelineEvent;
  /** The branch pushed to (or the branch a manual or cron run builds); absent for tags. */
  readonly branch?: string;
  readonly tag?: string;
  /** The in-file `cron` entry that fired. */
  readonly cron?: string;
  /** Files changed by the push; undefined when unknown (then `path` conditions hold). */
  readonly changedFiles?: readonly string[];
}

export interface WhenContext extends TriggerContext {
  /** `failure` once a step this one waits for has failed. */
  readonly status: StepStatus;
}

const defaultStatus: readonly StepStatus[] = ['success'];

/**
 * Whether a `when` list lets a step (or the whole pipeline) run: some clause must hold, and a clause
 * holds when each condition it sets holds (Woodpecker semantics). No clause at all means "run while
 * nothing failed".
 *
 * @example
 * matchesWhen([{ branch: { include: ['main'], exclude: [] }, status: ['success'] }],
 *   { event: 'push', branch: 'main', status: 'success' }); // true
 */
export function matchesWhen(when: readonly WhenClause[], context: WhenContext): boolean {
  return statusesFor(when, context).includes(context.status);
}

/**
 * The statuses at which a step would run given the trigger: the union of the `status` of every clause
 * whose other conditions hold. Empty: the step is skipped whatever happens before it.
 */
export function statusesFor(when: readonly WhenClause[], trigger: TriggerContext): StepStatus[] {
  if (when.length === 0) return [...defaultStatus];
  const statuses = new Set<StepStatus>();
  for (const clause of when) {
    if (clauseHolds(clause, trigger)) clause.status.forEach((s) => statuses.add(s));
  }
  return (['success', 'failure'] as const).filter((s) => statuses.has(s));
}

function clauseHolds(clause: WhenClause, trigger: TriggerContext): boolean {
  return (
    filterHolds(clause.event, trigger.event, (patterns, value) => patterns.includes(value)) &&
    filterHolds(clause.branch, trigger.branch, matchAnyGlob) &&
    filterHolds(clause.tag, trigger.tag, matchAnyGlob) &&
    filterHolds(clause.cron, trigger.cron, matchAnyGlob) &&
    pathHolds(clause.path, trigger.changedFiles)
  );
}

type Matcher = (patterns: readonly string[], value: string) => boolean;

/** An unset value never matches an `include` list and is never excluded. */
function filterHolds(filter: Filter | undefined, value: string | undefined, match: Matcher): boolean {
  if (filter === undefined) return true;
  if (value === undefined) return filter.include.length === 0;
  if (match(filter.exclude, value)) return false;
  return filter.include.length === 0 || match(filter.include, value);
}

/** Holds when some changed file is included and not excluded (Woodpecker's `path`). */
function pathHolds(filter: PathFilter | undefined, files: readonly string[] | undefined): boolean {
  if (filter === undefined || files === undefined) return true;
  if (files.length === 0) return filter.onEmpty;
  return files.some(
    (file) =>
      (filter.include.length === 0 || matchAnyGlob(filter.include, file)) &&
      !matchAnyGlob(filter.exclude, file),
  );
}
