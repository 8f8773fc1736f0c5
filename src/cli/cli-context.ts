import type { ApiClient } from './api-client.js';

/** What every command gets: the API client, output streams and the user's environment (read once). */
export interface CliContext {
  client: ApiClient;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export const print = (ctx: CliContext, text: string): void => void ctx.stdout.write(`${text}\n`);
export const printJson = (ctx: CliContext, value: unknown): void =>
  void ctx.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
export const note = (ctx: CliContext, text: string): void => void ctx.stderr.write(`${text}\n`);
