import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BerthError } from '../errors/index.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** util.parseArgs with errors turned into BERTH_USAGE (exit code 2) that name the command's usage. */
export function parseCommandArgs<O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new BerthError('BERTH_USAGE', error instanceof Error ? error.message : String(error), {
      hint: `Usage: ${usage}`,
    });
  }
}

export function usageError(message: string, usage: string): BerthError {
  return new BerthError('BERTH_USAGE', message, { hint: `Usage: ${usage}` });
}
