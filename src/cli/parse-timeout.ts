import { usageError } from './parse-command-args.js';

/** Parses `--timeout SECONDS` (default 300) into milliseconds, refusing anything but a positive number. */
export function parseTimeout(value: string | undefined, usage: string): number {
  const seconds = Number(value ?? 300);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw usageError(`--timeout "${value}" is not a positive number of seconds`, usage);
  return seconds * 1000;
}
