import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { BerthError } from '../../errors/index.js';
import type { SecretBox } from '../../secrets/index.js';
import { forgeTokenName, secretsAvailableTo } from '../../secrets/index.js';
import type { PipelineRun, RunStatus, RunTrigger, Store } from '../../store/index.js';
import {
  expandMatrix,
  loadPipeline,
  matchesWhen,
  type PipelineSpec,
  type RunVariables,
} from '../spec/index.js';
import type { RunEvent } from './run-events.js';
import { readRunGraph, type RunGraph } from './run-graph.js';
import { RunLog } from './run-log.js';
import { runsToStart, supersededBy } from './run-queue.js';

/** One variant's execution, as the runner reports it. */
export interface ExecuteInput {
  /** Names the run's containers and network (`<app>-<number>-<variant>`). */
  runId: string;
  /** The run's row id (releases link to it). */
  runDbId: number;
  app: string;
  spec: PipelineSpec;
  trigger: RunTrigger;
  workspaceDir: string;
  artifactsDir: string;
  secrets: ReadonlyMap<string, string>;
  variables: Record<string, string>;
  onEvent: (event: RunEvent) => void;
  /** Resolves when a deployer approves an approval step (true) or rejects it (false). */
  approval: (step: string) => Promise<{ approved: boolean; by: string }>;
  signal: AbortSignal;
}

export interface PipelineServiceDeps {
  store: Store;
  secretBox: SecretBox;
  logger: Logger;
  /** `$BERTH_HOME/pipelines`. */
  dir: string;
  checkout: (input: {
    repoUrl: string;
    commit?: string;
    ref: string;
    dir: string;
    token?: string;
    signal: AbortSignal;
  }) => Promise<{ commit: string; message?: string; changedFiles?: string[] }>;
  execute: (input: ExecuteInput) => Promise<{
    status: 'success' | 'failure' | 'cancelled';
    outputs: Record<string, string>;
    /** Why the run failed when no step says so (a top-level report gate, the engine gone). */
    message?: string;
  }>;
  /** Reports a run's state on its commit when the app has a forge token (best effort). */
  reportStatus?: (run: PipelineRun, state: 'pending' | 'success' | 'failure' | 'error') => Promise<void>;
  maxConcurrent?: number;
  /** A run of the app's default branch loaded its pipeline file (cron entries are learned from it). */
  onPipelineLoaded?: (app: string, spec: PipelineSpec) => void;
  /** An app's pipeline source was created or changed (polling follows it). */
  onSourceChanged?: () => void;
}

const pipelineFile = '.berth/pipeline.yaml';

interface Active {
  abort: AbortController;
  approvals: Map<string, (decision: { approved: boolean; by: string }) => void>;
}

/**
 * Pipelines of every app (issue 6): queues runs (per app one at a time, a newer push superseding a
 * queued one, a global concurrency limit), checks out the commit, loads `.berth/pipeline.yaml`, runs
 * each matrix variant through the runner, records steps and masked logs, and handles approvals and
 * cancellation. Runs that were running when the daemon stopped are marked `error` on start.
 */
export class PipelineService {
  readonly #deps: PipelineServiceDeps;
  readonly #active = new Map<number, Active>();
  readonly #live = new EventEmitter();
  #stopped = false;

  constructor(deps: PipelineServiceDeps) {
    this.#deps = deps;
    this.#live.setMaxListeners(0);
  }

  start(): void {
    for (const run of this.#deps.store.pipelines.runsWithStatus(['running', 'waiting'])) {
      this.#finish(run.id, 'error', 'the daemon stopped while this run was running; run it again');
    }
    this.#schedule();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const active of this.#active.values()) active.abort.abort();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  /** Records a queued run (superseding queued pushes of the app) and starts it when a slot is free. */
  enqueue(app: string, trigger: RunTrigger): PipelineRun {
    const { pipelines } = this.#deps.store;
    if (!pipelines.source(app)) {
      throw new BerthError('BERTH_APP_NOT_FOUND', `app "${app}" has no pipeline source`, {
        hint: `Connect its repository first: berth pipeline setup ${app} --repo URL`,
      });
    }
    const queued = pipelines.runsWithStatus(['queued']);
    for (const id of supersededBy(queued, { app, event: trigger.event })) {
      this.#finish(id, 'superseded', 'a newer push replaced this queued run');
    }
    const run = pipelines.createRun(app, trigger);
    this.#deps.logger.info(
      { app, run: run.number, event: trigger.event, commit: trigger.commit },
      'pipeline run queued',
    );
    this.#schedule();
    return run;
  }

  cancel(runId: number, by: string): PipelineRun {
    const run = this.#get(runId);
    const active = this.#active.get(runId);
    if (active) {
      this.#record(run, { type: 'run', status: 'cancelling', message: `cancelled by ${by}` });
      active.abort.abort();
    } else if (run.status === 'queued') {
      this.#finish(runId, 'cancelled', `cancelled by ${by}`);
    } else {
      throw new BerthError(
        'BERTH_BAD_REQUEST',
        `run ${run.app}#${run.number} is ${run.status}, not running`,
        {
          hint: 'Only queued, running and waiting runs can be cancelled.',
        },
      );
    }
    return this.#get(runId);
  }

  /** Approves or rejects the approval step a run is waiting at. */
  decide(runId: number, decision: { approved: boolean; by: string; step?: string }): PipelineRun {
    const run = this.#get(runId);
    const active = this.#active.get(runId);
    const waiting = active ? [...active.approvals.keys()] : [];
    const key =
      decision.step === undefined ? waiting[0] : waiting.find((k) => k.endsWith(`/${decision.step ?? ''}`));
    const resolve = key === undefined ? undefined : active?.approvals.get(key);
    if (!active || key === undefined || !resolve) {
      throw new BerthError(
        'BERTH_BAD_REQUEST',
        `run ${run.app}#${run.number} is not waiting for an approval`,
        {
          hint: `See its steps with: berth pipeline show ${run.app}/${run.number}`,
        },
      );
    }
    active.approvals.delete(key);
    resolve({ approved: decision.approved, by: decision.by });
    return this.#get(runId);
  }

  /** The run's recorded events (status changes and masked output), e.g. for `berth pipeline logs`. */
  history(runId: number): (RunEvent & { at: number })[] {
    const run = this.#get(runId);
    return this.#log(run).read();
  }

  /** The run's step graph, from the pipeline file it checked out (see `readRunGraph`). */
  graph(runId: number): RunGraph | undefined {
    return readRunGraph(join(this.#runDir(this.#get(runId)), 'workspace', pipelineFile));
  }

  /** Calls `listener` for each new event of a run until `signal` aborts. */
  follow(runId: number, listener: (event: RunEvent) => void, signal: AbortSignal): void {
    const name = `run:${runId}`;
    this.#live.on(name, listener);
    signal.addEventListener('abort', () => this.#live.off(name, listener), { once: true });
  }

  /** Called by the API after `PUT /apps/{app}/pipeline`. */
  sourceChanged(): void {
    this.#deps.onSourceChanged?.();
  }

  isActive(runId: number): boolean {
    return this.#active.has(runId);
  }

  #get(runId: number): PipelineRun {
    const run = this.#deps.store.pipelines.run(runId);
    if (!run) {
      throw new BerthError('BERTH_BAD_REQUEST', `no pipeline run ${runId}`, {
        hint: 'List runs with: berth pipeline ls APP',
      });
    }
    return run;
  }

  #runDir(run: PipelineRun): string {
    return join(this.#deps.dir, run.app, String(run.number));
  }

  #log(run: PipelineRun): RunLog {
    return new RunLog(join(this.#runDir(run), 'events.ndjson'));
  }

  #record(run: PipelineRun, event: RunEvent): void {
    this.#log(run).append(event);
    this.#live.emit(`run:${run.id}`, event);
  }

  #finish(runId: number, status: RunStatus, message: string | null): void {
    const run = this.#get(runId);
    this.#deps.store.pipelines.updateRun(runId, { status, finishedAt: Date.now(), message });
    this.#record(run, { type: 'run', status, ...(message === null ? {} : { message }) });
  }

  #schedule(): void {
    if (this.#stopped) return;
    const { pipelines } = this.#deps.store;
    const running = pipelines.runsWithStatus(['running', 'waiting']);
    const queued = pipelines.runsWithStatus(['queued']);
    for (const id of runsToStart(queued, running, this.#deps.maxConcurrent ?? 1)) {
      const run = this.#get(id);
      const active: Active = { abort: new AbortController(), approvals: new Map() };
      this.#active.set(id, active);
      pipelines.updateRun(id, { status: 'running', startedAt: Date.now() });
      this.#record(run, { type: 'run', status: 'running' });
      void this.#execute(run, active)
        .catch((error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          this.#deps.logger.warn({ err: error, app: run.app, run: run.number }, 'pipeline run failed');
          this.#finish(id, active.abort.signal.aborted ? 'cancelled' : 'error', message);
        })
        .finally(() => {
          this.#active.delete(id);
          void this.#report(this.#get(id));
          this.#schedule();
        });
    }
  }

  async #report(run: PipelineRun): Promise<void> {
    if (!this.#deps.reportStatus) return;
    const state =
      run.status === 'running' || run.status === 'waiting' || run.status === 'queued'
        ? 'pending'
        : run.status === 'success'
          ? 'success'
          : run.status === 'failure'
            ? 'failure'
            : 'error';
    await this.#deps
      .reportStatus(run, state)
      .catch((error: unknown) =>
        this.#deps.logger.warn({ err: error, app: run.app, run: run.number }, 'commit status not reported'),
      );
  }

  async #execute(run: PipelineRun, active: Active): Promise<void> {
    const { store, secretBox } = this.#deps;
    const source = store.pipelines.source(run.app);
    if (!source) throw new BerthError('BERTH_APP_NOT_FOUND', `app "${run.app}" has no pipeline source`);
    const dir = this.#runDir(run);
    const workspaceDir = join(dir, 'workspace');
    rmSync(workspaceDir, { recursive: true, force: true });
    mkdirSync(workspaceDir, { recursive: true, mode: 0o700 });
    const token = source.forgeToken
      ? secretBox.decrypt(run.app, forgeTokenName, source.forgeToken)
      : undefined;
    const ref = run.trigger.ref ?? `refs/heads/${run.trigger.branch ?? source.branch}`;
    const checkedOut = await this.#deps.checkout({
      repoUrl: source.repoUrl,
      ...(run.trigger.commit ? { commit: run.trigger.commit } : {}),
      ref,
      dir: workspaceDir,
      ...(token ? { token } : {}),
      signal: active.abort.signal,
    });
    store.pipelines.updateRun(run.id, { commit: checkedOut.commit });
    const current = this.#get(run.id);
    void this.#report(current);
    const file = join(workspaceDir, pipelineFile);
    if (!existsSync(file)) {
      throw new BerthError(
        'BERTH_PIPELINE_INVALID',
        `commit ${checkedOut.commit.slice(0, 12)} has no ${pipelineFile}`,
        {
          hint: 'Add the pipeline file to the repository (see docs/pipeline.md).',
        },
      );
    }
    const spec = loadPipeline(readFileSync(file, 'utf8'), { file: pipelineFile });
    const onDefaultBranch =
      (run.trigger.branch ?? (run.trigger.tag ? undefined : source.branch)) === source.branch;
    if (onDefaultBranch) this.#deps.onPipelineLoaded?.(run.app, spec);
    const trigger = {
      event: run.trigger.event,
      ...(run.trigger.branch
        ? { branch: run.trigger.branch }
        : run.trigger.tag
          ? {}
          : { branch: source.branch }),
      ...(run.trigger.tag ? { tag: run.trigger.tag } : {}),
      ...(run.trigger.cron ? { cron: run.trigger.cron } : {}),
      ...(run.trigger.changedFiles ? { changedFiles: run.trigger.changedFiles } : {}),
    };
    if (!matchesWhen(spec.when, { ...trigger, status: 'success' })) {
      this.#finish(run.id, 'success', 'skipped: the pipeline `when` does not match this event');
      return;
    }
    const exposure = secretsAvailableTo({
      kind: run.trigger.event === 'cron' ? 'schedule' : run.trigger.event,
      trusted: run.trigger.trusted,
    });
    const secrets = new Map<string, string>();
    if (exposure.available) {
      for (const { name, blob } of store.secrets.blobs(run.app)) {
        secrets.set(name, secretBox.decrypt(run.app, name, blob));
      }
    } else {
      this.#record(current, { type: 'run', status: 'running', message: exposure.reason });
    }
    const variables: RunVariables = {
      BERTH_APP: run.app,
      BERTH_RUN: String(run.number),
      BERTH_EVENT: run.trigger.event,
      BERTH_COMMIT: checkedOut.commit,
      BERTH_COMMIT_SHORT: checkedOut.commit.slice(0, 8),
      ...(trigger.branch ? { BERTH_BRANCH: trigger.branch } : {}),
      ...(run.trigger.tag ? { BERTH_TAG: run.trigger.tag } : {}),
      ...(run.trigger.cron ? { BERTH_CRON: run.trigger.cron } : {}),
    };
    let status: 'success' | 'failure' | 'cancelled' = 'success';
    let message: string | null = null;
    const outputs: Record<string, string> = {};
    const decidedBy = new Map<string, string>();
    for (const [index, variant] of expandMatrix(spec, variables).entries()) {
      const result = await this.#deps.execute({
        runId: `${run.app}-${run.number}-${index + 1}`,
        runDbId: run.id,
        app: run.app,
        spec: variant.spec,
        trigger: { ...run.trigger, commit: checkedOut.commit },
        workspaceDir,
        artifactsDir: join(dir, 'artifacts', variant.name.replace(/[^A-Za-z0-9=._-]+/g, '_')),
        secrets,
        variables: Object.fromEntries(Object.entries(variables).filter(([, v]) => v !== undefined)),
        onEvent: (event) => {
          // An approval step's record names who decided (the runner's event does not know).
          const by = event.type === 'step' ? decidedBy.get(`${variant.name}/${event.step}`) : undefined;
          const decided = by !== undefined && event.type === 'step' ? { ...event, decidedBy: by } : event;
          const tagged = 'variant' in decided ? { ...decided, variant: variant.name } : decided;
          this.#record(current, tagged);
          if (decided.type === 'step') this.#saveStep(run.id, variant.name, decided);
        },
        approval: (step) =>
          new Promise((resolve) => {
            store.pipelines.updateRun(run.id, { status: 'waiting' });
            this.#record(current, {
              type: 'run',
              status: 'waiting',
              message: `waiting for approval of ${step}`,
            });
            active.approvals.set(`${variant.name}/${step}`, (decision) => {
              decidedBy.set(`${variant.name}/${step}`, decision.by);
              store.pipelines.updateRun(run.id, { status: 'running' });
              this.#record(current, {
                type: 'run',
                status: 'running',
                message: `${step} ${decision.approved ? 'approved' : 'rejected'} by ${decision.by}`,
              });
              resolve(decision);
            });
          }),
        signal: active.abort.signal,
      });
      Object.assign(outputs, result.outputs);
      if (result.status !== 'success') {
        status = result.status;
        message = result.message ?? null;
        break;
      }
    }
    store.pipelines.updateRun(run.id, { outputs });
    this.#finish(run.id, status, message);
  }

  #saveStep(runId: number, variant: string, event: Extract<RunEvent, { type: 'step' }>): void {
    const now = Date.now();
    const done = ['success', 'failure', 'skipped', 'cancelled'].includes(event.status);
    this.#deps.store.pipelines.upsertStep({
      runId,
      variant,
      name: event.step,
      kind: event.kind ?? 'run',
      status: event.status,
      exitCode: event.exitCode ?? null,
      startedAt: event.status === 'running' ? now : null,
      finishedAt: done ? now : null,
      message: event.message ?? null,
      reports: event.reports ?? null,
      artifacts: event.artifacts ?? null,
      decidedBy: event.decidedBy ?? null,
    });
  }
}
