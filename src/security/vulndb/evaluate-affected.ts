import type { Ordering } from '../versions/index.js';
import type { OsvEvent } from './osv-record-schema.js';

/** Orders two versions of one ecosystem (see `compareVersions` in `../versions`). */
export type CompareVersions = (a: string, b: string) => Ordering;

/** A range the matcher can evaluate: GIT ranges are dropped at import (commit ancestry needs the repo). */
export interface VersionRange {
  type: 'SEMVER' | 'ECOSYSTEM';
  events: OsvEvent[];
}

/** What one `affected[]` entry keeps for matching. */
export interface AffectedVersions {
  ranges: readonly VersionRange[];
  /** The explicit `versions` list, compared by exact string as the schema's `IncludedInVersions` does. */
  versions: readonly string[];
}

/** Why a version is affected, and the versions that fix it. */
export interface AffectedVerdict {
  matchedBy: 'range' | 'versions';
  /** The first range whose events include the version (absent for a `versions` list hit). */
  range?: VersionRange;
  /** `fixed` events of that range above the version, lowest first: the upgrade targets. */
  fixed: string[];
  /** `last_affected` events of that range at or above the version: no fix was known when published. */
  lastAffected: string[];
}

/**
 * The OSV `IsVulnerable` evaluation for one affected entry (ossf/osv-schema `docs/schema.md`, "Evaluation"):
 * affected when some range holds the version, or the `versions` list names it. Ranges are tried first so
 * that a hit reports its fix. Both SEMVER and ECOSYSTEM ranges use the ecosystem's order, as osv-scanner
 * does (`semantic.Parse(version, ecosystem)`); for SemVer-based ecosystems the two are the same order.
 *
 * @example
 * evaluateAffected('1.1', { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.2' }] }], versions: [] }, cmp);
 * // { matchedBy: 'range', range: ..., fixed: ['1.2'], lastAffected: [] }
 */
export function evaluateAffected(
  version: string,
  affected: AffectedVersions,
  compare: CompareVersions,
): AffectedVerdict | undefined {
  const sorted = affected.ranges.map((range) => sortRange(range, compare));
  return (
    evaluateSortedRanges(version, sorted, compare) ??
    (affected.versions.includes(version) ? { matchedBy: 'versions', fixed: [], lastAffected: [] } : undefined)
  );
}

/** The range with its events sorted (see {@link sortEvents}), so that it can be evaluated many times. */
export function sortRange(range: VersionRange, compare: CompareVersions): VersionRange {
  return { type: range.type, events: sortEvents(range.events, compare) };
}

/** The range half of {@link evaluateAffected}, for ranges already passed through {@link sortRange}. */
export function evaluateSortedRanges(
  version: string,
  ranges: readonly VersionRange[],
  compare: CompareVersions,
): AffectedVerdict | undefined {
  for (const range of ranges) {
    const { events } = range;
    if (!includedInRange(version, events, compare)) continue;
    return {
      matchedBy: 'range',
      range,
      fixed: events.flatMap((e) => (e.fixed !== undefined && compare(e.fixed, version) > 0 ? [e.fixed] : [])),
      lastAffected: events.flatMap((e) =>
        e.last_affected !== undefined && compare(e.last_affected, version) >= 0 ? [e.last_affected] : [],
      ),
    };
  }
  return undefined;
}

/**
 * `IncludedInRanges` for one range whose events are already sorted: walk the timeline and let each event at
 * or below the version switch the state. `last_affected` is inclusive, `fixed` exclusive; `limit` events
 * bound the whole range (`BeforeLimits`), `"*"` meaning infinity.
 */
export function includedInRange(
  version: string,
  sortedEvents: readonly OsvEvent[],
  compare: CompareVersions,
): boolean {
  if (!beforeLimits(version, sortedEvents, compare)) return false;
  let vulnerable = false;
  for (const event of sortedEvents) {
    if (event.introduced !== undefined) {
      if (event.introduced === '0' || compare(version, event.introduced) >= 0) vulnerable = true;
    } else if (event.fixed !== undefined) {
      if (compare(version, event.fixed) >= 0) vulnerable = false;
    } else if (event.last_affected !== undefined) {
      if (compare(version, event.last_affected) > 0) vulnerable = false;
    }
  }
  return vulnerable;
}

function beforeLimits(version: string, events: readonly OsvEvent[], compare: CompareVersions): boolean {
  let sawLimit = false;
  for (const event of events) {
    if (event.limit === undefined) continue;
    sawLimit = true;
    if (event.limit === '*' || compare(version, event.limit) < 0) return true;
  }
  return !sawLimit;
}

/**
 * Sorts events by version (`introduced: "0"` first, `limit: "*"` last). The sort is stable, so events of
 * equal version keep their written order: `fixed: 2` then `introduced: 2` still reads "re-introduced at 2",
 * and `introduced: 2` then `fixed: 2` an empty interval. The schema leaves ties undefined.
 */
export function sortEvents(events: readonly OsvEvent[], compare: CompareVersions): OsvEvent[] {
  return [...events].sort((a, b) => {
    const x = eventVersion(a);
    const y = eventVersion(b);
    if (x === y) return 0;
    if (x === minusInfinity) return -1;
    if (y === minusInfinity) return 1;
    if (x === plusInfinity) return 1;
    if (y === plusInfinity) return -1;
    return compare(x, y);
  });
}

const minusInfinity = Symbol('introduced "0"');
const plusInfinity = Symbol('limit "*"');

function eventVersion(event: OsvEvent): string | typeof minusInfinity | typeof plusInfinity {
  if (event.introduced !== undefined) return event.introduced === '0' ? minusInfinity : event.introduced;
  if (event.limit !== undefined) return event.limit === '*' ? plusInfinity : event.limit;
  return event.fixed ?? event.last_affected ?? '';
}
