import type { CronSchedule } from './cron-schedule.js';

const minuteMs = 60_000;
/** Feb 29 on a given weekday can take 28 years to come back; look a little further than that. */
const searchYears = 30;

/**
 * The first time strictly after `after` (UTC, whole minutes) at which `schedule` fires, or undefined
 * if it never fires within 30 years.
 *
 * @example
 * const parsed = parseCron('0 3 * * *');
 * if (parsed.ok) nextCronTime(parsed.value, new Date('2025-01-01T03:00:00Z')); // 2025-01-02T03:00:00Z
 */
export function nextCronTime(schedule: CronSchedule, after: Date): Date | undefined {
  const hours = new Set(schedule.hours);
  const months = new Set(schedule.months);
  const doms = new Set(schedule.daysOfMonth);
  const dows = new Set(schedule.daysOfWeek);
  let t = new Date(Math.floor(after.getTime() / minuteMs) * minuteMs + minuteMs);
  const lastYear = t.getUTCFullYear() + searchYears;
  while (t.getUTCFullYear() <= lastYear) {
    const [y, mo, d, h] = [t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours()];
    if (!months.has(mo + 1)) {
      t = new Date(Date.UTC(y, mo + 1, 1));
      continue;
    }
    const dom = doms.has(d);
    const dow = dows.has(t.getUTCDay());
    if (!(schedule.dayMatchesEither ? dom || dow : dom && dow)) {
      t = new Date(Date.UTC(y, mo, d + 1));
      continue;
    }
    if (!hours.has(h)) {
      const next = schedule.hours.find((x) => x > h);
      t = new Date(next === undefined ? Date.UTC(y, mo, d + 1) : Date.UTC(y, mo, d, next));
      continue;
    }
    const minute = schedule.minutes.find((x) => x >= t.getUTCMinutes());
    if (minute === undefined) {
      t = new Date(Date.UTC(y, mo, d, h + 1));
      continue;
    }
    return new Date(Date.UTC(y, mo, d, h, minute));
  }
  return undefined;
}
