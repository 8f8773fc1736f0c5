import type { ParseResult } from './parse-result.js';

/*
 * Five-field cron expressions as Vixie cron reads them (crontab(5)): minute hour day-of-month month
 * day-of-week; `*`, lists, ranges, steps (`*\/15`, `1-10/2`, `5/10`), month and weekday names
 * (JAN-DEC, SUN-SAT, case-insensitive), Sunday as 0 or 7, and the macros @yearly, @annually,
 * @monthly, @weekly, @daily, @midnight, @hourly. Always UTC.
 */

/** A parsed cron expression: the allowed values of each field, sorted. */
export interface CronSchedule {
  readonly expression: string;
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly daysOfMonth: readonly number[];
  /** 1-12. */
  readonly months: readonly number[];
  /** 0-6, Sunday is 0. */
  readonly daysOfWeek: readonly number[];
  /**
   * Vixie cron's rule: when both day fields are restricted (neither starts with `*`), a day matches
   * if EITHER matches; otherwise both must.
   */
  readonly dayMatchesEither: boolean;
}

const macros: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

interface FieldDef {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** Offset of `names[0]`. */
  namesFrom?: number;
}

const fields: readonly FieldDef[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
    namesFrom: 1,
  },
  {
    name: 'day of week',
    min: 0,
    max: 7,
    names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
    namesFrom: 0,
  },
];

/** Longest day of each month, February in a leap year. */
const longestMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * Parses a cron expression.
 *
 * @example
 * parseCron('*\/15 9-17 * * MON-FRI'); // { ok: true, value: { minutes: [0, 15, 30, 45], ... } }
 */
export function parseCron(expression: string): ParseResult<CronSchedule> {
  const trimmed = expression.trim();
  const text = trimmed.startsWith('@') ? macros[trimmed.toLowerCase()] : trimmed;
  if (text === undefined) {
    return { ok: false, reason: `unknown macro "${trimmed}"; use one of ${Object.keys(macros).join(', ')}` };
  }
  const parts = text.split(/\s+/);
  if (parts.length !== 5) {
    return {
      ok: false,
      reason: `expected 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`,
    };
  }
  const sets: number[][] = [];
  for (const [i, def] of fields.entries()) {
    const parsed = parseField(parts[i] as string, def);
    if (!parsed.ok) return { ok: false, reason: `${def.name} "${parts[i]}": ${parsed.reason}` };
    sets.push(parsed.value);
  }
  const [minutes, hours, daysOfMonth, months, rawDays] = sets as [
    number[],
    number[],
    number[],
    number[],
    number[],
  ];
  const daysOfWeek = [...new Set(rawDays.map((d) => d % 7))].sort((a, b) => a - b);
  const dayMatchesEither = !parts[2]?.startsWith('*') && !parts[4]?.startsWith('*');
  if (!dayMatchesEither && !months.some((m) => daysOfMonth.some((d) => d <= (longestMonth[m - 1] ?? 0)))) {
    return { ok: false, reason: 'the schedule never fires: no chosen month has the chosen day of month' };
  }
  return {
    ok: true,
    value: { expression: trimmed, minutes, hours, daysOfMonth, months, daysOfWeek, dayMatchesEither },
  };
}

function parseField(text: string, def: FieldDef): ParseResult<number[]> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const match = /^(\*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:\/(\d+))?$/.exec(item);
    if (match === null) return { ok: false, reason: `"${item}" is not a value, range or step` };
    const [, range = '', stepText] = match;
    let from = def.min;
    let to = def.max;
    if (range !== '*') {
      const [a = '', b] = range.split('-');
      const start = value(a, def);
      const end = b === undefined ? (stepText === undefined ? start : def.max) : value(b, def);
      if (start === undefined || end === undefined) {
        return {
          ok: false,
          reason: `"${item}" is outside ${def.min}-${def.max}${def.names ? ' or not a name' : ''}`,
        };
      }
      if (start > end) return { ok: false, reason: `range "${range}" runs backwards` };
      [from, to] = [start, end];
    }
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1 || step > def.max - def.min + 1)
      return { ok: false, reason: `step "${stepText}" is out of range` };
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return { ok: true, value: [...values].sort((a, b) => a - b) };
}

function value(text: string, def: FieldDef): number | undefined {
  const index = def.names?.indexOf(text.toUpperCase()) ?? -1;
  if (index !== -1) return index + (def.namesFrom ?? 0);
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= def.min && n <= def.max ? n : undefined;
}
