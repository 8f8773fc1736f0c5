import { describe, expect, it } from 'vitest';
import { parseCron, type CronSchedule } from './cron-schedule.js';

const range = (from: number, to: number, step = 1) =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

function parsed(expression: string): CronSchedule {
  const result = parseCron(expression);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

describe('parseCron', () => {
  it.each<[string, Partial<CronSchedule>]>([
    [
      '* * * * *',
      {
        minutes: range(0, 59),
        hours: range(0, 23),
        daysOfMonth: range(1, 31),
        months: range(1, 12),
        daysOfWeek: range(0, 6),
      },
    ],
    ['*/15 * * * *', { minutes: [0, 15, 30, 45] }],
    ['5/20 * * * *', { minutes: [5, 25, 45] }],
    ['0 9-17/4 * * *', { hours: [9, 13, 17] }],
    ['0 0 1,15,L * *'.replace(',L', ''), { daysOfMonth: [1, 15] }],
    ['0 0 * JAN,jul-SEP *', { months: [1, 7, 8, 9] }],
    ['0 0 * * MON-FRI', { daysOfWeek: [1, 2, 3, 4, 5], dayMatchesEither: false }],
    ['0 0 * * 5-7', { daysOfWeek: [0, 5, 6] }],
    ['0 0 * * 7', { daysOfWeek: [0] }],
    ['0 0 * * sun,SAT', { daysOfWeek: [0, 6] }],
    ['0 0 13 * FRI', { dayMatchesEither: true }],
    ['0 0 */2 * FRI', { dayMatchesEither: false }],
    ['  30   4  *  *  *  ', { minutes: [30], hours: [4] }],
    ['1,1,2 * * * *', { minutes: [1, 2] }],
  ])('reads %j', (expression, expected) => {
    expect(parsed(expression)).toMatchObject(expected);
  });

  it.each([
    ['@yearly', '0 0 1 1 *'],
    ['@annually', '0 0 1 1 *'],
    ['@monthly', '0 0 1 * *'],
    ['@weekly', '0 0 * * 0'],
    ['@daily', '0 0 * * *'],
    ['@MIDNIGHT', '0 0 * * *'],
    ['@hourly', '0 * * * *'],
  ])('reads the macro %s as %s', (macro, expression) => {
    const { expression: _a, ...fromMacro } = parsed(macro);
    const { expression: _b, ...fromFields } = parsed(expression);
    expect(fromMacro).toEqual(fromFields);
  });

  it.each([
    ['', 'expected 5 fields'],
    ['* * * *', 'got 4'],
    ['* * * * * *', 'got 6'],
    ['60 * * * *', 'minute "60": "60" is outside 0-59'],
    ['* 24 * * *', 'hour "24"'],
    ['* * 0 * *', 'day of month "0"'],
    ['* * * 13 *', 'month "13"'],
    ['* * * * 8', 'day of week "8"'],
    ['* * * FOO *', 'month "FOO": "FOO" is outside 1-12 or not a name'],
    ['5-1 * * * *', 'range "5-1" runs backwards'],
    ['*/0 * * * *', 'step "0" is out of range'],
    ['*/61 * * * *', 'step "61" is out of range'],
    ['1,,2 * * * *', '"" is not a value, range or step'],
    ['? * * * *', '"?" is not a value'],
    ['L * * * *', '"L" is outside'],
    ['@reboot', 'unknown macro "@reboot"'],
    ['0 0 30 2 *', 'never fires'],
    ['0 0 31 4,6,9,11 *', 'never fires'],
  ])('refuses %j', (expression, reason) => {
    const result = parseCron(expression);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });

  it('accepts a day that only some chosen months have', () => {
    expect(parseCron('0 0 31 1-3 *').ok).toBe(true);
    expect(parseCron('0 0 29 2 *').ok).toBe(true);
    expect(parseCron('0 0 30 2 MON').ok).toBe(true);
  });
});
