import { describe, expect, it } from 'vitest';
import { compareVersions } from '../versions/index.js';
import { evaluateAffected, sortEvents, type VersionRange } from './evaluate-affected.js';
import type { OsvEvent } from './osv-record-schema.js';

const semver = (a: string, b: string) => compareVersions('npm', a, b);
const range = (...events: OsvEvent[]): VersionRange => ({ type: 'SEMVER', events });
const affectedBy = (version: string, ranges: VersionRange[], versions: string[] = []) =>
  evaluateAffected(version, { ranges, versions }, semver) !== undefined;

// ossf/osv-schema docs/schema.md "Examples" and "Evaluation".
const upTo120 = range({ introduced: '0' }, { fixed: '1.2.0' });
const twoIntervals = range(
  { introduced: '1.0.0' },
  { fixed: '1.0.2' },
  { introduced: '3.0.0' },
  { fixed: '3.2.5' },
);
const shuffled = range(
  { fixed: '3.2.5' },
  { introduced: '3.0.0' },
  { fixed: '1.0.2' },
  { introduced: '1.0.0' },
);
const lastAffected = range({ introduced: '0' }, { last_affected: '1.11.0' });
const limited = range({ introduced: '1.0.0' }, { limit: '2.0.0' });
const unlimited = range({ introduced: '1.0.0' }, { limit: '*' });
const openEnded = range({ introduced: '1.11.0' });
const reintroduced = range(
  { introduced: '1.0.0' },
  { fixed: '2.0.0' },
  { introduced: '2.0.0' },
  { fixed: '3.0.0' },
);
const empty = range({ introduced: '2.0.0' }, { fixed: '2.0.0' });
const noIntroduced = range({ fixed: '2.0.0' });

describe('evaluateAffected', () => {
  it.each([
    ['introduced "0" covers everything below the fix', upTo120, '0.0.1', true],
    ['a version just below the fix is affected', upTo120, '1.1.9', true],
    ['the fixed version is not affected', upTo120, '1.2.0', false],
    ['a version above the fix is not affected', upTo120, '1.3.0', false],
    ['below the first interval', twoIntervals, '0.9.9', false],
    ['the introduced version itself is affected', twoIntervals, '1.0.0', true],
    ['between two intervals', twoIntervals, '2.0.0', false],
    ['inside the second interval', twoIntervals, '3.2.4', true],
    ['the second fix', twoIntervals, '3.2.5', false],
    ['unsorted events are sorted first (second interval)', shuffled, '3.1.0', true],
    ['unsorted events are sorted first (gap)', shuffled, '2.0.0', false],
    ['last_affected is inclusive', lastAffected, '1.11.0', true],
    ['above last_affected is not affected', lastAffected, '1.11.1', false],
    ['below a limit', limited, '1.5.0', true],
    ['at the limit the range ends', limited, '2.0.0', false],
    ['limit "*" is infinity', unlimited, '99.0.0', true],
    ['an open range starts at its introduced version', openEnded, '1.11.0', true],
    ['an open range has no end', openEnded, '9.0.0', true],
    ['below an open range', openEnded, '1.10.9', false],
    ['fixed then introduced at the same version re-opens the range', reintroduced, '2.0.0', true],
    ['introduced then fixed at the same version is an empty interval', empty, '2.0.0', false],
    ['a range without introduced never matches', noIntroduced, '1.0.0', false],
  ])('%s (%s)', (_name, r, version, expected) => {
    expect(affectedBy(version, [r])).toBe(expected);
  });

  it('is affected when any of several ranges holds the version', () => {
    expect(affectedBy('3.0.1', [upTo120, twoIntervals])).toBe(true);
    expect(affectedBy('2.5.0', [upTo120, twoIntervals])).toBe(false);
  });

  it('matches the explicit versions list by exact string, as IncludedInVersions does', () => {
    expect(evaluateAffected('0.5', { ranges: [], versions: ['0.5'] }, semver)).toEqual({
      matchedBy: 'versions',
      fixed: [],
      lastAffected: [],
    });
    expect(affectedBy('0.5.0', [], ['0.5'])).toBe(false);
    expect(affectedBy('0.6', [], ['0.5'])).toBe(false);
  });

  it('reports the fixes above the version, lowest first, and the matched range', () => {
    expect(evaluateAffected('1.0.1', { ranges: [shuffled], versions: [] }, semver)).toEqual({
      matchedBy: 'range',
      range: { type: 'SEMVER', events: sortEvents(shuffled.events, semver) },
      fixed: ['1.0.2', '3.2.5'],
      lastAffected: [],
    });
    expect(evaluateAffected('1.0.0', { ranges: [lastAffected], versions: [] }, semver)?.lastAffected).toEqual(
      ['1.11.0'],
    );
  });

  it('orders Go pre-release bounds such as 1.16.0-0 with the ecosystem comparator', () => {
    const go = (a: string, b: string) => compareVersions('Go', a, b);
    const stdlib = { ranges: [range({ introduced: '1.16.0-0' }, { fixed: '1.16.1' })], versions: [] };
    expect(evaluateAffected('1.16.0-rc1', stdlib, go)).toBeDefined();
    expect(evaluateAffected('v1.16.0', stdlib, go)).toBeDefined();
    expect(evaluateAffected('1.15.9', stdlib, go)).toBeUndefined();
  });
});

describe('sortEvents', () => {
  it('puts introduced "0" first and limit "*" last, keeping ties in written order', () => {
    expect(
      sortEvents(
        [
          { limit: '*' },
          { fixed: '2.0.0' },
          { introduced: '2.0.0' },
          { introduced: '0' },
          { fixed: '1.0.0' },
        ],
        semver,
      ),
    ).toEqual([
      { introduced: '0' },
      { fixed: '1.0.0' },
      { fixed: '2.0.0' },
      { introduced: '2.0.0' },
      { limit: '*' },
    ]);
  });
});
