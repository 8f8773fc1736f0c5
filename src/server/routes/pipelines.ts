import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { BerthError } from '../../errors/index.js';
import { forges } from '../../pipeline/webhooks/index.js';
import { forgeTokenName, webhookSecretName } from '../../secrets/index.js';
import type { PipelineRun, PipelineSource, RunTrigger } from '../../store/index.js';
import type { RunEvent } from '../../pipeline/service/index.js';
import type { ApiDeps } from '../api-deps.js';
import { LiveQueue } from '../live-queue.js';
import { parseOptionalBody } from '../parse-body.js';
import { principalOf } from '../authenticate.js';

export const SourceSchema = z
  .object({
    repoUrl: z.string().min(1).max(2048),
    branch: z.string().min(1).max(255).default('main'),
    forge: z.enum(forges).optional(),
    forgeApi: z.url().optional(),
    forgeRepo: z.string().max(255).optional(),
    forgeToken: z.string().min(8).max(4096).optional(),
    pollSeconds: z.number().int().min(10).max(86_400).optional(),
    rotateWebhookSecret: z.boolean().optional(),
  })
  .strict();

export const ManualRunSchema = z
  .object({
    ref: z.string().max(255).optional(),
    commit: z
      .string()
      .regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/)
      .optional(),
  })
  .strict();

export const DecisionSchema = z.object({ step: z.string().max(128).optional() }).strict();

/** A run as the API shows it, with its steps. */
function runView(deps: ApiDeps, run: PipelineRun): Record<string, unknown> {
  return {
    ...run,
    active: deps.pipelines.isActive(run.id),
    steps: deps.store.pipelines.steps(run.id),
    releases: deps.store.releases.findApp(run.app)
      ? deps.store.releases
          .list(run.app)
          .filter((r) => r.pipelineRun === run.id)
          .map((r) => r.number)
      : [],
  };
}

/** A source as the API shows it: the secrets only as set or not. */
function sourceView(source: PipelineSource): Record<string, unknown> {
  const { webhookSecret, forgeToken, ...rest } = source;
  return {
    ...rest,
    webhookSecretSet: webhookSecret !== null,
    forgeTokenSet: forgeToken !== null,
    ...(source.forge ? { webhookPath: `/hooks/${source.app}/${source.forge}` } : {}),
  };
}

/**
 * `GET /api/v1/pipelines`: every app with a pipeline source that the caller may see, so a client can
 * list runs across apps (the dashboard's Pipelines page, issue 7), also of apps not deployed yet.
 */
export function pipelineListRoutes(deps: ApiDeps): Hono {
  const routes = new Hono();
  routes.get('/', (c) => {
    const { apps } = principalOf(c);
    const sources = deps.store.pipelines.sources().filter((s) => apps === null || apps.includes(s.app));
    return c.json({ pipelines: sources.map(sourceView) });
  });
  return routes;
}

function runOf(deps: ApiDeps, app: string, number: string): PipelineRun {
  const run = /^\d+$/.test(number) ? deps.store.pipelines.runByNumber(app, Number(number)) : undefined;
  if (!run) {
    throw new BerthError('BERTH_BAD_REQUEST', `app "${app}" has no pipeline run ${number}`, {
      hint: `List runs with: berth pipeline ls ${app}`,
    });
  }
  return run;
}

/** Pipeline sources, runs, logs (SSE), approvals and cancellation (issue 6 item 7). */
export function pipelineRoutes(deps: ApiDeps): Hono {
  const routes = new Hono();

  routes.put('/:app/pipeline', async (c) => {
    const app = c.req.param('app');
    const body = await parseOptionalBody(c, SourceSchema);
    const before = deps.store.pipelines.source(app);
    const secret =
      body.forge !== undefined && (body.rotateWebhookSecret || !before?.webhookSecret)
        ? randomBytes(24).toString('base64url')
        : undefined;
    deps.store.pipelines.setSource({
      app,
      repoUrl: body.repoUrl,
      branch: body.branch,
      forge: body.forge ?? null,
      forgeApi: body.forgeApi ?? null,
      forgeRepo: body.forgeRepo ?? null,
      webhookSecret:
        secret !== undefined
          ? deps.secretBox.seal(app, webhookSecretName, secret)
          : (before?.webhookSecret ?? null),
      forgeToken:
        body.forgeToken !== undefined
          ? deps.secretBox.seal(app, forgeTokenName, body.forgeToken)
          : (before?.forgeToken ?? null),
      pollSeconds: body.pollSeconds ?? null,
    });
    deps.logger.info({ app, repo: body.repoUrl, forge: body.forge }, 'pipeline source set');
    deps.pipelines.sourceChanged();
    return c.json({
      app,
      repoUrl: body.repoUrl,
      branch: body.branch,
      ...(body.forge ? { webhookPath: `/hooks/${app}/${body.forge}` } : {}),
      // Shown once: paste it into the forge's webhook settings.
      ...(secret ? { webhookSecret: secret } : {}),
    });
  });

  routes.get('/:app/pipeline', (c) => {
    const source = deps.store.pipelines.source(c.req.param('app'));
    if (!source) {
      throw new BerthError('BERTH_APP_NOT_FOUND', `app "${c.req.param('app')}" has no pipeline source`, {
        hint: `Connect it: berth pipeline setup ${c.req.param('app')} --repo URL`,
      });
    }
    return c.json(sourceView(source));
  });

  routes.post('/:app/pipelines/runs', async (c) => {
    const app = c.req.param('app');
    const body = await parseOptionalBody(c, ManualRunSchema);
    const ref =
      body.ref === undefined ? undefined : body.ref.startsWith('refs/') ? body.ref : `refs/heads/${body.ref}`;
    const trigger: RunTrigger = {
      event: 'manual',
      ...(ref ? { ref } : {}),
      ...(ref?.startsWith('refs/heads/') ? { branch: ref.slice('refs/heads/'.length) } : {}),
      ...(ref?.startsWith('refs/tags/') ? { tag: ref.slice('refs/tags/'.length) } : {}),
      ...(body.commit ? { commit: body.commit } : {}),
      sender: principalOf(c).name,
      trusted: true,
    };
    const run = deps.pipelines.enqueue(app, trigger);
    return c.json(runView(deps, run), 202);
  });

  routes.get('/:app/pipelines/runs', (c) => {
    const limit = Math.min(Number(c.req.query('limit') ?? 50) || 50, 500);
    const before = c.req.query('before');
    const runs = deps.store.pipelines.runs(c.req.param('app'), {
      limit,
      ...(before && /^\d+$/.test(before) ? { beforeNumber: Number(before) } : {}),
    });
    return c.json({ runs });
  });

  routes.get('/:app/pipelines/runs/:number', (c) => {
    const run = runOf(deps, c.req.param('app'), c.req.param('number'));
    // Only here, not in every run answer: it reads the run's pipeline file.
    return c.json({ ...runView(deps, run), graph: deps.pipelines.graph(run.id) ?? null });
  });

  routes.get('/:app/pipelines/runs/:number/logs', (c) => {
    const run = runOf(deps, c.req.param('app'), c.req.param('number'));
    const step = c.req.query('step');
    const keep = (event: { type: string; step?: string }): boolean =>
      step === undefined || event.type === 'run' || event.step === step;
    const follow =
      c.req.query('follow') === '1' || (c.req.header('accept') ?? '').includes('text/event-stream');
    if (!follow) return c.json({ events: deps.pipelines.history(run.id).filter(keep) });
    return streamSSE(c, async (stream) => {
      const abort = new AbortController();
      const queue = new LiveQueue<RunEvent>();
      stream.onAbort(() => {
        abort.abort();
        queue.close();
      });
      deps.pipelines.follow(run.id, (event) => keep(event) && queue.push(event), abort.signal);
      for (const event of deps.pipelines.history(run.id).filter(keep)) {
        await stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
      }
      while (!queue.closed && (deps.pipelines.isActive(run.id) || queue.size > 0)) {
        const next = await queue.next(1000);
        if (next !== undefined) await stream.writeSSE({ event: next.type, data: JSON.stringify(next) });
      }
      await stream.writeSSE({ event: 'end', data: JSON.stringify(deps.store.pipelines.run(run.id)) });
    });
  });

  routes.post('/:app/pipelines/runs/:number/cancel', (c) => {
    const run = runOf(deps, c.req.param('app'), c.req.param('number'));
    return c.json(runView(deps, deps.pipelines.cancel(run.id, principalOf(c).name)));
  });

  for (const [action, approved] of [
    ['approve', true],
    ['reject', false],
  ] as const) {
    routes.post(`/:app/pipelines/runs/:number/${action}`, async (c) => {
      const run = runOf(deps, c.req.param('app'), c.req.param('number'));
      const body = await parseOptionalBody(c, DecisionSchema);
      const by = principalOf(c).name;
      const updated = deps.pipelines.decide(run.id, {
        approved,
        by,
        ...(body.step ? { step: body.step } : {}),
      });
      deps.logger.info({ app: run.app, run: run.number, approved, by }, 'pipeline approval decided');
      return c.json(runView(deps, updated));
    });
  }
  return routes;
}
