import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { loadCompose } from '../../app/index.js';
import { BerthError, berthErrorFromJson, type BerthErrorJson } from '../../errors/index.js';
import type { DeployRequest } from '../../server/index.js';
import { note, print, printJson, type CliContext } from '../cli-context.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { parseTimeout } from '../parse-timeout.js';
import { waitReady } from './wait-ready.js';

const usage = 'berth up [-f compose.yaml] [-p name] [--detach] [--timeout seconds] [--json]';
const defaultFiles = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

function findComposeFile(cwd: string, given: string | undefined): string {
  if (given !== undefined) {
    const path = resolve(cwd, given);
    if (!existsSync(path)) {
      throw new BerthError('BERTH_FILE_NOT_FOUND', `Compose file "${given}" does not exist`, {
        hint: `Looked for ${path}.`,
      });
    }
    return path;
  }
  const found = defaultFiles.map((f) => join(cwd, f)).find((p) => existsSync(p));
  if (!found) {
    throw new BerthError('BERTH_FILE_NOT_FOUND', `no Compose file in ${cwd}`, {
      hint: `Create compose.yaml or pass -f FILE. Usage: ${usage}`,
    });
  }
  return found;
}

const readIfExists = (path: string): string | undefined =>
  existsSync(path) ? readFileSync(path, 'utf8') : undefined;

interface ReleaseAnswer {
  progress?: string;
  release?: { number: number; app: string };
  warnings?: string[];
  error?: BerthErrorJson;
}

/** `berth up`: validates locally (fast errors with positions), sends the release, waits for readiness. */
export async function upCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    {
      file: { type: 'string', short: 'f' },
      project: { type: 'string', short: 'p' },
      detach: { type: 'boolean', short: 'd' },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
    },
    usage,
  );
  const timeoutMs = parseTimeout(values.timeout, usage);
  const path = findComposeFile(ctx.cwd, values.file);
  const projectDir = dirname(path);
  const file = { path, content: readFileSync(path, 'utf8') };
  const read = new Map<string, string>();
  const loaded = loadCompose({
    file,
    projectDir,
    ...(values.project === undefined ? {} : { projectName: values.project }),
    environment: ctx.env,
    // Remember what the loader read, so the daemon gets exactly those contents (read once).
    readFile: (path) => {
      const content = readIfExists(path);
      if (content !== undefined) read.set(path, content);
      return content;
    },
  });
  const environment: Record<string, string> = {};
  for (const name of loaded.variablesUsed) {
    const value = ctx.env[name];
    if (value !== undefined) environment[name] = value;
  }
  const files: Record<string, string> = {};
  for (const f of loaded.filesRead) {
    const content = read.get(f);
    if (content !== undefined) files[f] = content;
  }
  const request: DeployRequest = {
    composeFile: file,
    projectDir,
    environment,
    files,
    ...(values.project === undefined ? {} : { project: values.project }),
  };
  note(ctx, `Deploying ${loaded.spec.name} from ${basename(path)} to ${ctx.client.url}`);
  let release: ReleaseAnswer['release'];
  for await (const message of ctx.client.stream<ReleaseAnswer>('POST', '/apps', request)) {
    if (message.progress) note(ctx, `  ${message.progress}`);
    if (message.error) throw berthErrorFromJson(message.error);
    if (message.release) release = message.release;
  }
  if (!release) throw new BerthError('BERTH_INTERNAL', 'the daemon closed the connection before answering');
  note(ctx, `Release ${release.number} of ${release.app} recorded.`);
  if (values.detach) {
    if (values.json) printJson(ctx, { release });
    return 0;
  }
  const status = await waitReady(ctx, release.app, release.number, timeoutMs);
  if (values.json) printJson(ctx, status);
  else
    print(
      ctx,
      `${release.app}: release ${release.number} is ready (${status.services.map((s) => `${s.name} ${s.ready}/${s.desired}`).join(', ')})`,
    );
  return 0;
}
