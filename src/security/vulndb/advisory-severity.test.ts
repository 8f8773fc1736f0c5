import { describe, expect, it } from 'vitest';
import { advisorySeverity, preferredCvss } from './advisory-severity.js';

const v31 = { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }; // 9.8
const v30 = { type: 'CVSS_V3', score: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N' }; // 5.4
const v4 = { type: 'CVSS_V4', score: 'CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N' }; // 4.6
const v2 = { type: 'CVSS_V2', score: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' }; // 7.5

describe('preferredCvss', () => {
  it('prefers the newest CVSS version the advisory gives, whatever its score', () => {
    expect(preferredCvss([v2, v31, v4])).toEqual({
      version: '4.0',
      vector: v4.score,
      score: 4.6,
      rating: 'MEDIUM',
    });
  });

  it('scores a vector stored without a score (a database imported before v4 was scored)', () => {
    expect(preferredCvss([v4])?.score).toBe(4.6);
  });

  it('uses the score stored at import when there is one', () => {
    expect(preferredCvss([{ ...v31, baseScore: 9.8, rating: 'CRITICAL' }])?.score).toBe(9.8);
  });

  it('takes the higher score among vectors of the same version', () => {
    expect(
      preferredCvss([v30, { type: 'CVSS_V3', score: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }]),
    ).toMatchObject({ version: '3.0', score: 7.5 });
  });

  it('ignores severity words and malformed vectors', () => {
    expect(
      preferredCvss([
        { type: 'Ubuntu', score: 'high' },
        { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N' },
      ]),
    ).toBeUndefined();
  });
});

describe('advisorySeverity', () => {
  it('takes the database_specific severity first (GHSA MODERATE over a critical CVSS score)', () => {
    expect(advisorySeverity([v31], 'MODERATE')).toBe('medium');
  });

  it("takes the source's own severity word next (an Ubuntu priority)", () => {
    expect(advisorySeverity([v31, { type: 'Ubuntu', score: 'low' }], undefined)).toBe('low');
  });

  it.each([
    [[v31], 'critical'],
    [[v2], 'high'],
    [[v30], 'medium'],
    [[v31, v4], 'medium'],
    [[{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N' }], 'low'],
    [[{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:N' }], 'info'],
  ] as const)('rates from the CVSS score when the source says nothing: %j is %s', (severity, expected) => {
    expect(advisorySeverity(severity, undefined)).toBe(expected);
  });

  it('is medium when nothing says how severe the advisory is', () => {
    expect(advisorySeverity([], undefined)).toBe('medium');
    expect(advisorySeverity([{ type: 'CVSS_V4', score: 'not a vector' }], 'UNKNOWN')).toBe('medium');
  });
});
