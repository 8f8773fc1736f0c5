/** Severity levels as Berth normalises them (the names Loki's `detected_level` uses). */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'critical' | 'fatal';

const LEVEL_NAMES: Readonly<Record<string, LogLevel>> = {
  trace: 'trace',
  trc: 'trace',
  debug: 'debug',
  dbg: 'debug',
  info: 'info',
  inf: 'info',
  information: 'info',
  informational: 'info',
  notice: 'info',
  warn: 'warn',
  warning: 'warn',
  wrn: 'warn',
  error: 'error',
  err: 'error',
  crit: 'critical',
  critical: 'critical',
  alert: 'critical',
  emerg: 'critical',
  emergency: 'critical',
  fatal: 'fatal',
  ftl: 'fatal',
  panic: 'fatal',
};

// pino and bunyan write numeric levels (https://getpino.io/#/docs/api?id=level-string).
const NUMERIC_LEVELS: Readonly<Record<string, LogLevel>> = {
  '10': 'trace',
  '20': 'debug',
  '30': 'info',
  '40': 'warn',
  '50': 'error',
  '60': 'fatal',
};

/**
 * Normalises the value of a level field (`level`, `severity`...): names in any case and common
 * abbreviations, and pino's numbers. Undefined for anything else.
 *
 * @example
 * normalizeLevel('WARNING'); // 'warn'
 * normalizeLevel('50');      // 'error'
 */
export function normalizeLevel(value: string): LogLevel | undefined {
  if (value.length > 13) return undefined;
  return LEVEL_NAMES[value.toLowerCase()] ?? NUMERIC_LEVELS[value];
}

// A level word near the start of a plain line: upper case (`ERROR`, `WARN`), or any case between brackets
// (nginx's `[error]`, `[Warn]`). Lower-case bare words are too common in prose to count.
const BARE_WORD =
  /(?:^|[^\w])(TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|CRIT|CRITICAL|ALERT|EMERG|FATAL|PANIC)(?!\w)/;
const BRACKETED_WORD =
  /\[(trace|debug|info|notice|warn|warning|error|err|crit|critical|alert|emerg|fatal|panic)\]/i;
const SCAN_CHARS = 100;

/**
 * Finds the first level word in the first 100 characters of a plain-text line.
 *
 * @example
 * findLevelWord('2024-05-01 12:00:00 ERROR db: timeout'); // 'error'
 */
export function findLevelWord(line: string): LogLevel | undefined {
  const head = line.length > SCAN_CHARS ? line.slice(0, SCAN_CHARS) : line;
  const bare = BARE_WORD.exec(head);
  const bracketed = BRACKETED_WORD.exec(head);
  const first = bracketed === null || (bare !== null && bare.index <= bracketed.index) ? bare : bracketed;
  return first === null ? undefined : normalizeLevel(first[1] ?? '');
}
