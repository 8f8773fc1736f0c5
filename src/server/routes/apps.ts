import { Hono, type Context } from 'hono';
import { principalOf } from '../authenticate.js';
import { loadCompose } from '../../app/index.js';
import { BerthError } from '../../errors/index.js';
import {
  abortRollout,
  createRelease,
  resumeRollout,
  rollbackTarget,
  rollbackTo,
  withReplicas,
} from '../../orchestrator/index.js';
import type { ApiDeps } from '../api-deps.js';
import {
  DeployRequestSchema,
  RollbackRequestSchema,
  ScaleRequestSchema,
  type DeployRequest,
} from '../api-schemas.js';
import { toBerthError } from '../error-response.js';
import { ndjson, wantsStream } from '../ndjson-stream.js';
import { parseBody } from '../parse-body.js';
import { followEvents, wantsFollow } from './follow-events.js';
import { releaseSummary } from '../release-view.js';

/** Runs a release-producing operation, streaming progress as NDJSON when the client asks for it. */
function releaseResponse(
  c: Context,
  work: (
    onProgress: (line: string) => void,
    signal: AbortSignal | undefined,
  ) => Promise<Record<string, unknown>>,
): Promise<Response> | Response {
  if (!wantsStream(c)) return work(() => undefined, undefined).then((result) => c.json(result, 201));
  return ndjson(c, async (send, signal) => {
    try {
      const result = await work((line) => void send({ progress: line }), signal);
      await send(result);
    } catch (error) {
      await send({ error: toBerthError(error).toJSON() });
    }
  });
}

export function appRoutes(deps: ApiDeps): Hono {
  const { store, orchestrator, engine, logger, ingress } = deps;
  const routes = new Hono();

  routes.get('/', async (c) => {
    const { apps: allowed } = principalOf(c);
    const apps = store.releases.listApps().filter((a) => allowed === null || allowed.includes(a.name));
    const statuses = await Promise.all(
      apps.filter((a) => a.currentRelease !== null).map((a) => orchestrator.status(a.name)),
    );
    return c.json({ apps: statuses });
  });

  routes.post('/', async (c) => {
    const body: DeployRequest = await parseBody(c, DeployRequestSchema);
    const loaded = loadCompose({
      file: body.composeFile,
      projectDir: body.projectDir,
      ...(body.project === undefined ? {} : { projectName: body.project }),
      environment: body.environment,
      readFile: (path) => body.files[path],
    });
    const { apps: allowed, name: actor } = principalOf(c);
    if (allowed !== null && !allowed.includes(loaded.spec.name)) {
      throw new BerthError('BERTH_FORBIDDEN', `${actor} has no access to app "${loaded.spec.name}"`, {
        hint: `Ask an admin to add "${loaded.spec.name}" to your apps.`,
      });
    }
    return releaseResponse(c, async (onProgress, signal) => {
      for (const warning of loaded.warnings) onProgress(`warning: ${warning}`);
      const release = await createRelease(
        loaded.spec,
        { reason: `up by ${actor}`, projectDir: body.projectDir },
        { engine, ingress, store, logger, onProgress, ...(signal === undefined ? {} : { signal }) },
      );
      orchestrator.trigger(release.app);
      return { release: releaseSummary(release), warnings: loaded.warnings };
    });
  });

  routes.get('/:app', async (c) => {
    const app = store.releases.getApp(c.req.param('app'));
    return c.json(await orchestrator.status(app.name));
  });

  routes.delete('/:app', async (c) => {
    const app = store.releases.getApp(c.req.param('app'));
    const volumes = ['1', 'true'].includes(c.req.query('volumes') ?? '');
    const result = await orchestrator.down(app.name, { volumes });
    return c.json({ app: app.name, ...result });
  });

  routes.post('/:app/scale', async (c) => {
    const app = store.releases.getApp(c.req.param('app'));
    const body = await parseBody(c, ScaleRequestSchema);
    const current = store.releases.current(app.name);
    if (!current) {
      throw new BerthError('BERTH_APP_NOT_FOUND', `app "${app.name}" is down`, {
        hint: `Deploy it first: berth up -p ${app.name}`,
      });
    }
    const spec = withReplicas(current.spec, body.replicas);
    const reason = `scale ${Object.entries(body.replicas)
      .map(([s, n]) => `${s}=${n}`)
      .join(' ')} by ${principalOf(c).name}`;
    return releaseResponse(c, async (onProgress, signal) => {
      const release = await createRelease(
        spec,
        { reason, projectDir: app.projectDir },
        {
          engine,
          ingress,
          store,
          logger,
          onProgress,
          ...(signal === undefined ? {} : { signal }),
        },
      );
      orchestrator.trigger(app.name);
      return { release: releaseSummary(release) };
    });
  });

  routes.post('/:app/rollback', async (c) => {
    const app = store.releases.getApp(c.req.param('app'));
    const text = await c.req.text();
    const body = text.trim() === '' ? {} : await parseBody(c, RollbackRequestSchema, text);
    const target = rollbackTarget(store, app.name, body.to);
    const release = await rollbackTo(
      target,
      `rollback to ${target.number} (manual, by ${principalOf(c).name})`,
      {
        store,
        engine,
      },
    );
    orchestrator.trigger(app.name);
    return c.json({ release: releaseSummary(release), restored: target.number }, 201);
  });

  // A paused rollout goes on, or is given up for the last verified release (issue 3). POSTs: the
  // deployer role and the audit log come with every mutating call (authenticate.ts).
  routes.post('/:app/rollout/resume', (c) => {
    const app = store.releases.getApp(c.req.param('app'));
    const release = resumeRollout(store, app.name, principalOf(c).name);
    orchestrator.trigger(app.name);
    return c.json({ release: releaseSummary(release) });
  });

  routes.post('/:app/rollout/abort', async (c) => {
    const app = store.releases.getApp(c.req.param('app'));
    const result = await abortRollout({ store, engine }, app.name, principalOf(c).name);
    orchestrator.trigger(app.name);
    return c.json(
      {
        release: releaseSummary(result.release),
        aborted: releaseSummary(result.aborted),
        restored: result.restored,
      },
      201,
    );
  });

  routes.get('/:app/releases', (c) => {
    const releases = store.releases.list(c.req.param('app'));
    const runNumber = (id: number): number | undefined => store.pipelines.run(id)?.number;
    return c.json({ releases: releases.map((r) => releaseSummary(r, runNumber)) });
  });

  routes.get('/:app/releases/:number', (c) => {
    const number = Number(c.req.param('number'));
    const app = store.releases.getApp(c.req.param('app'));
    const release = store.releases.get(app.name, Number.isInteger(number) ? number : -1);
    const runNumber = (id: number): number | undefined => store.pipelines.run(id)?.number;
    return c.json({ ...releaseSummary(release, runNumber), spec: release.spec, images: release.images });
  });

  routes.get('/:app/events', (c) => {
    const app = store.releases.getApp(c.req.param('app'));
    const limit = Math.min(1000, Math.max(1, Number(c.req.query('limit') ?? 100) || 100));
    const afterId = Math.max(0, Number(c.req.query('after') ?? 0) || 0);
    // The dashboard's live events feed (issue 7) follows as Server-Sent Events.
    if (wantsFollow(c)) return followEvents(c, store, app.name, { limit, afterId });
    return c.json({ events: store.events.list(app.name, { limit, afterId }) });
  });

  return routes;
}
