import { note, print, printJson, type CliContext } from '../cli-context.js';
import { parseCommandArgs, usageError } from '../parse-command-args.js';
import { table } from '../table.js';
import { readStdin } from './read-stdin.js';

const usage = [
  'berth pipeline setup APP --repo URL [--branch main] [--forge github|gitea|forgejo|gitlab] [--forge-api URL] [--forge-repo owner/name] [--forge-token-stdin] [--poll SECONDS]',
  'berth pipeline run APP [--ref main | --commit SHA] [-f]',
  'berth pipeline ls APP [--json]',
  'berth pipeline show APP/N [--json]',
  'berth pipeline logs APP/N [--step NAME] [-f]',
  'berth pipeline approve|reject APP/N [--step NAME]',
  'berth pipeline cancel APP/N',
].join('\n       ');

interface ReportJson {
  kind: string;
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  findings: { message: string; file?: string; line?: number; rule?: string }[];
}

interface StepJson {
  reports: ReportJson[] | null;
  artifacts: string[] | null;
  variant: string;
  name: string;
  kind: string;
  status: string;
  exitCode: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  message: string | null;
}

interface RunJson {
  id: number;
  app: string;
  number: number;
  status: string;
  event: string;
  ref: string | null;
  commit: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  message: string | null;
  trigger: { sender: string };
  steps?: StepJson[];
  releases?: number[];
}

type LogEvent =
  | { type: 'run'; status: string; message?: string }
  | { type: 'step'; variant: string; step: string; status: string; exitCode?: number; message?: string }
  | { type: 'log'; variant: string; step: string; stream: string; text: string };

function runRef(text: string | undefined): { app: string; number: string } {
  const match = text === undefined ? null : /^([a-z0-9][a-z0-9_-]*)[/#](\d+)$/.exec(text);
  if (!match?.[1] || !match[2])
    throw usageError(`name a run as APP/NUMBER, e.g. shop/12 (got "${text ?? ''}")`, usage);
  return { app: match[1], number: match[2] };
}

const duration = (from: number | null, to: number | null): string =>
  from === null ? '' : `${(((to ?? Date.now()) - from) / 1000).toFixed(1)}s`;

function printEvent(ctx: CliContext, event: LogEvent): void {
  if (event.type === 'log') {
    const prefix = `${event.variant ? `${event.variant} ` : ''}${event.step} | `;
    const out = event.stream === 'stderr' ? ctx.stderr : ctx.stdout;
    for (const line of event.text.replace(/\n$/, '').split('\n')) out.write(`${prefix}${line}\n`);
  } else if (event.type === 'step') {
    note(
      ctx,
      `--- ${event.step}: ${event.status}${event.exitCode === undefined ? '' : ` (exit ${event.exitCode})`}${event.message ? ` ${event.message}` : ''}`,
    );
  } else {
    note(ctx, `=== run ${event.status}${event.message ? `: ${event.message}` : ''}`);
  }
}

/** `berth pipeline`: connect a repository, run pipelines, watch, approve and cancel them. */
export async function pipelineCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      repo: { type: 'string' },
      branch: { type: 'string' },
      forge: { type: 'string' },
      'forge-api': { type: 'string' },
      'forge-repo': { type: 'string' },
      'forge-token-stdin': { type: 'boolean' },
      poll: { type: 'string' },
      ref: { type: 'string' },
      commit: { type: 'string' },
      step: { type: 'string' },
      follow: { type: 'boolean', short: 'f' },
      json: { type: 'boolean' },
    },
    usage,
  );
  const [action, target] = positionals;
  const runPath = (ref: { app: string; number: string }): string =>
    `/apps/${encodeURIComponent(ref.app)}/pipelines/runs/${ref.number}`;
  switch (action) {
    case 'setup': {
      if (target === undefined || values.repo === undefined)
        throw usageError('name the app and --repo URL', usage);
      if (values.poll !== undefined && !/^\d+$/.test(values.poll))
        throw usageError(`--poll "${values.poll}" is not seconds`, usage);
      let forgeToken: string | undefined;
      if (values['forge-token-stdin']) forgeToken = (await readStdin()).trim();
      const answer = await ctx.client.send<{ webhookPath?: string; webhookSecret?: string }>(
        'PUT',
        `/apps/${encodeURIComponent(target)}/pipeline`,
        {
          repoUrl: values.repo,
          branch: values.branch ?? 'main',
          ...(values.forge ? { forge: values.forge } : {}),
          ...(values['forge-api'] ? { forgeApi: values['forge-api'] } : {}),
          ...(values['forge-repo'] ? { forgeRepo: values['forge-repo'] } : {}),
          ...(forgeToken ? { forgeToken } : {}),
          ...(values.poll ? { pollSeconds: Number(values.poll) } : {}),
        },
      );
      if (values.json) printJson(ctx, answer);
      else {
        note(ctx, `pipeline source of ${target}: ${values.repo} (${values.branch ?? 'main'})`);
        if (answer.webhookPath) print(ctx, `webhook URL:    ${ctx.client.url}${answer.webhookPath}`);
        if (answer.webhookSecret)
          print(ctx, `webhook secret: ${answer.webhookSecret}   (shown once; paste it into the forge)`);
      }
      return 0;
    }
    case 'run': {
      if (target === undefined) throw usageError('name the app', usage);
      const run = await ctx.client.send<RunJson>(
        'POST',
        `/apps/${encodeURIComponent(target)}/pipelines/runs`,
        {
          ...(values.ref ? { ref: values.ref } : {}),
          ...(values.commit ? { commit: values.commit } : {}),
        },
      );
      note(ctx, `run ${run.app}/${run.number} queued`);
      if (values.json && !values.follow) printJson(ctx, run);
      if (!values.follow) return 0;
      return followLogs(ctx, runPath({ app: run.app, number: String(run.number) }), values.step);
    }
    case 'ls': {
      if (target === undefined) throw usageError('name the app', usage);
      const answer = await ctx.client.get<{ runs: RunJson[] }>(
        `/apps/${encodeURIComponent(target)}/pipelines/runs`,
      );
      if (values.json) printJson(ctx, answer);
      else if (answer.runs.length === 0) print(ctx, `${target} has no pipeline runs`);
      else
        print(
          ctx,
          table(
            ['RUN', 'STATUS', 'EVENT', 'REF', 'COMMIT', 'BY', 'CREATED', 'DURATION'],
            answer.runs.map((r) => [
              `${r.app}/${r.number}`,
              r.status,
              r.event,
              r.ref ?? '',
              (r.commit ?? '').slice(0, 10),
              r.trigger.sender,
              new Date(r.createdAt).toISOString().slice(0, 19),
              duration(r.startedAt, r.finishedAt),
            ]),
          ),
        );
      return 0;
    }
    case 'show': {
      const run = await ctx.client.get<RunJson>(runPath(runRef(target)));
      if (values.json) {
        printJson(ctx, run);
        return 0;
      }
      print(ctx, `run ${run.app}/${run.number}: ${run.status}${run.message ? ` (${run.message})` : ''}`);
      print(ctx, `event ${run.event} ${run.ref ?? ''} commit ${run.commit ?? '?'} by ${run.trigger.sender}`);
      if (run.releases?.length) print(ctx, `releases: ${run.releases.join(', ')}`);
      print(
        ctx,
        table(
          ['STEP', 'KIND', 'STATUS', 'EXIT', 'DURATION', 'MESSAGE'],
          (run.steps ?? []).map((s) => [
            `${s.variant ? `${s.variant} ` : ''}${s.name}`,
            s.kind,
            s.status,
            s.exitCode === null ? '' : String(s.exitCode),
            duration(s.startedAt, s.finishedAt),
            s.message ?? '',
          ]),
        ),
      );
      for (const s of run.steps ?? []) {
        for (const r of s.reports ?? []) {
          print(
            ctx,
            `${s.name}: ${r.kind} ${r.total} total, ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`,
          );
          for (const f of r.findings.slice(0, 20)) {
            const where = f.file ? `${f.file}${f.line === undefined ? '' : `:${f.line}`} ` : '';
            print(ctx, `  ${where}${f.rule ? `[${f.rule}] ` : ''}${f.message}`);
          }
        }
        if (s.artifacts?.length) print(ctx, `${s.name}: artifacts ${s.artifacts.join(', ')}`);
      }
      return 0;
    }
    case 'logs': {
      const path = runPath(runRef(target));
      if (values.follow) return followLogs(ctx, path, values.step);
      const answer = await ctx.client.get<{ events: LogEvent[] }>(
        `${path}/logs${values.step ? `?step=${encodeURIComponent(values.step)}` : ''}`,
      );
      for (const event of answer.events) {
        if (values.json) ctx.stdout.write(`${JSON.stringify(event)}\n`);
        else printEvent(ctx, event);
      }
      return 0;
    }
    case 'approve':
    case 'reject':
    case 'cancel': {
      const ref = runRef(target);
      const run = await ctx.client.send<RunJson>(
        'POST',
        `${runPath(ref)}/${action}`,
        values.step ? { step: values.step } : {},
      );
      note(ctx, `run ${run.app}/${run.number}: ${run.status}`);
      return 0;
    }
    default:
      throw usageError(action === undefined ? 'say what to do' : `unknown action "${action}"`, usage);
  }
}

/** Prints a run's logs as they come (SSE) and exits 0 on success, 1 otherwise. */
async function followLogs(ctx: CliContext, path: string, step: string | undefined): Promise<number> {
  const params = new URLSearchParams({ follow: '1', ...(step ? { step } : {}) });
  let final: RunJson | undefined;
  for await (const message of ctx.client.events<LogEvent | RunJson>(`${path}/logs?${params.toString()}`)) {
    if (message.event === 'end') final = message.data as RunJson;
    else printEvent(ctx, message.data as LogEvent);
  }
  return final?.status === 'success' ? 0 : 1;
}
