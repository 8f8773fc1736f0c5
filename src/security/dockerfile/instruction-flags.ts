import type { InstructionFlag } from './dockerfile-types.js';

/** Instructions that take `--flag` options before their arguments (Dockerfile reference). */
const flagInstructions = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'HEALTHCHECK']);

/**
 * Reads the `--name[=value]` flags that open an instruction's arguments, starting at `start` in `text`.
 * Other instructions get no flags, so `CMD --help` keeps `--help` as an argument.
 */
export function readFlags(
  keyword: string,
  text: string,
  start: number,
): { flags: InstructionFlag[]; argsOffset: number } {
  const flags: InstructionFlag[] = [];
  let index = skipBlanks(text, start);
  if (!flagInstructions.has(keyword)) return { flags, argsOffset: index };
  while (text.startsWith('--', index)) {
    let end = index;
    while (end < text.length && !/\s/.test(text[end] ?? '')) end++;
    const token = text.slice(index + 2, end);
    const equals = token.indexOf('=');
    flags.push(
      equals < 0
        ? { name: token.toLowerCase(), value: undefined }
        : { name: token.slice(0, equals).toLowerCase(), value: token.slice(equals + 1) },
    );
    index = skipBlanks(text, end);
  }
  return { flags, argsOffset: index };
}

function skipBlanks(text: string, index: number): number {
  let position = index;
  while (position < text.length && /\s/.test(text[position] ?? '')) position++;
  return position;
}

/** The JSON array of strings that makes an instruction's exec form, or undefined for the shell form. */
export function readExecForm(args: string): string[] | undefined {
  if (!args.startsWith('[') || !args.endsWith(']')) return undefined;
  try {
    const parsed: unknown = JSON.parse(args);
    if (Array.isArray(parsed) && parsed.every((item): item is string => typeof item === 'string'))
      return parsed;
  } catch {
    // Not JSON: BuildKit falls back to the shell form, and so do we.
  }
  return undefined;
}
