import { describe, expect, it } from 'vitest';
import { parseCron, type CronSchedule } from './cron-schedule.js';
import { nextCronTime } from './next-cron-time.js';

function schedule(expression: string): CronSchedule {
  const result = parseCron(expression);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

const next = (expression: string, after: string) =>
  nextCronTime(schedule(expression), new Date(after))?.toISOString();

describe('nextCronTime', () => {
  it.each([
    ['* * * * *', '2025-03-10T12:00:00.000Z', '2025-03-10T12:01:00.000Z'],
    ['* * * * *', '2025-03-10T12:00:59.999Z', '2025-03-10T12:01:00.000Z'],
    ['0 3 * * *', '2025-01-01T02:59:00Z', '2025-01-01T03:00:00.000Z'],
    ['0 3 * * *', '2025-01-01T03:00:00Z', '2025-01-02T03:00:00.000Z'],
    ['*/15 * * * *', '2025-01-01T10:46:00Z', '2025-01-01T11:00:00.000Z'],
    ['30 23 31 12 *', '2025-12-31T23:30:00Z', '2026-12-31T23:30:00.000Z'],
    ['0 0 1 * *', '2025-01-31T12:00:00Z', '2025-02-01T00:00:00.000Z'],
    ['0 0 31 * *', '2025-04-01T00:00:00Z', '2025-05-31T00:00:00.000Z'],
    ['0 0 29 2 *', '2025-01-01T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    ['0 0 29 2 *', '2096-03-01T00:00:00Z', '2104-02-29T00:00:00.000Z'],
    ['0 9 * * MON-FRI', '2025-03-07T10:00:00Z', '2025-03-10T09:00:00.000Z'],
    ['0 9 * * 0', '2025-03-07T10:00:00Z', '2025-03-09T09:00:00.000Z'],
    ['0 9 * * 7', '2025-03-07T10:00:00Z', '2025-03-09T09:00:00.000Z'],
    ['0 0 13 * FRI', '2025-03-01T00:00:00Z', '2025-03-07T00:00:00.000Z'],
    ['0 0 13 * FRI', '2025-03-08T00:00:00Z', '2025-03-13T00:00:00.000Z'],
    // `*/10` starts with `*`, so both day rules apply (Vixie): the 1st, 11th, 21st or 31st AND a Monday.
    ['0 0 */10 * MON', '2025-03-01T00:00:00Z', '2025-03-31T00:00:00.000Z'],
    // Both day fields restricted: either rule is enough (the classic cron surprise).
    ['0 0 1-7 * MON', '2025-03-04T00:00:00Z', '2025-03-05T00:00:00.000Z'],
    ['0 0 * * *', '2024-02-28T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['5 4 * * sun', '2025-12-28T05:00:00Z', '2026-01-04T04:05:00.000Z'],
    ['0 12 * JUN *', '2025-07-01T00:00:00Z', '2026-06-01T12:00:00.000Z'],
    ['@hourly', '2025-01-01T23:30:00Z', '2025-01-02T00:00:00.000Z'],
    ['@weekly', '2025-01-01T00:00:00Z', '2025-01-05T00:00:00.000Z'],
    ['0 0 30 2 MON', '2025-02-25T00:00:00Z', '2026-02-02T00:00:00.000Z'],
  ])('%s after %s fires at %s', (expression, after, expected) => {
    expect(next(expression, after)).toBe(expected);
  });

  it('returns undefined for a schedule that never comes within 30 years', () => {
    // parseCron refuses such schedules; a hand-made one (30 February, both day rules) must still end.
    const never: CronSchedule = { ...schedule('0 0 * 2 *'), daysOfMonth: [30], dayMatchesEither: false };
    expect(nextCronTime(never, new Date('2025-01-01T00:00:00Z'))).toBeUndefined();
  });

  /** Minute-by-minute reference: slow but obviously right. */
  function bruteForce(s: CronSchedule, after: Date, limitMinutes: number): string | undefined {
    let t = Math.floor(after.getTime() / 60_000) * 60_000 + 60_000;
    for (let i = 0; i < limitMinutes; i++, t += 60_000) {
      const d = new Date(t);
      const dom = s.daysOfMonth.includes(d.getUTCDate());
      const dow = s.daysOfWeek.includes(d.getUTCDay());
      if (
        s.minutes.includes(d.getUTCMinutes()) &&
        s.hours.includes(d.getUTCHours()) &&
        s.months.includes(d.getUTCMonth() + 1) &&
        (s.dayMatchesEither ? dom || dow : dom && dow)
      ) {
        return d.toISOString();
      }
    }
    return undefined;
  }

  it.each([
    '7 * * * *',
    '*/7 3-5 * * *',
    '0 0 13 * 5',
    '15 10 L-1 * *'.replace('L-1', '28-31'),
    '0 */6 1,15 * 1-3',
    '59 23 * 2 SAT',
    '0 0 29 2 1',
    '10,20 8 */3 JAN-MAR,OCT *',
  ])('agrees with a minute-by-minute search for %s', (expression) => {
    const s = schedule(expression);
    for (const start of ['2025-01-01T00:00:00Z', '2025-02-27T23:58:30Z', '2027-12-31T23:59:00Z']) {
      const after = new Date(start);
      expect(nextCronTime(s, after)?.toISOString()).toBe(bruteForce(s, after, 60 * 24 * 370));
    }
  });
});
