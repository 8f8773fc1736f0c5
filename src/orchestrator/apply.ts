import type { Logger } from 'pino';
import type { DockerEngine, ManagedContainer } from '../engine/index.js';
import { labelKeys } from '../engine/index.js';
import { isBerthError } from '../errors/index.js';
import type { Store } from '../store/index.js';
import type { BackoffConfig } from './backoff.js';
import { replicaConfig } from './container-config.js';
import type { DesiredApp } from './desired-state.js';
import type { RuntimeMemory } from './orchestrator.js';
import type { Action } from './plan-types.js';
import type { Prober } from './prober.js';
import { runLimited } from './run-limited.js';
import { slotKey } from './slot-key.js';

export interface ApplyContext {
  app: string;
  engine: DockerEngine;
  store: Store;
  logger: Logger;
  memory: RuntimeMemory;
  desired: DesiredApp | undefined;
  observed: readonly ManagedContainer[];
  prober: Prober;
  backoff: BackoffConfig;
}

/** Engine calls in flight at once: measured on 2 cores, more than 4 gains nothing (research §4.2). */
const concurrency = 4;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Executes a plan's actions: removals first, then creates and starts. Each failure is recorded for its
 * replica (shown by `berth ps` and `berth up`) and backed off, never thrown, so one bad replica does not
 * stop the others. Returns how many actions succeeded.
 */
export async function applyActions(actions: readonly Action[], ctx: ApplyContext): Promise<number> {
  const removals = actions.filter((a) => a.type === 'remove');
  const others = actions.filter((a) => a.type !== 'remove');
  let ok = 0;
  const attempt = async (action: Action): Promise<void> => {
    try {
      await applyOne(action, ctx);
      ok++;
    } catch (error) {
      recordFailure(action, error, ctx);
    }
  };
  await runLimited(removals, concurrency, attempt);
  if (others.some((a) => a.type === 'create')) {
    try {
      await ensureAppResources(ctx);
    } catch (error) {
      for (const action of others) recordFailure(action, error, ctx);
      return ok;
    }
  }
  await runLimited(others, concurrency, attempt);
  return ok;
}

function recordFailure(action: Action, error: unknown, ctx: ApplyContext): void {
  const key = action.type === 'create' ? slotKey(ctx.app, action.service, action.replica) : action.id;
  const previous = ctx.memory.errors.get(key);
  const message = messageOf(error);
  ctx.memory.errors.set(key, { message, at: Date.now(), attempts: (previous?.attempts ?? 0) + 1 });
  if (action.type === 'start' || action.type === 'restart') {
    const record = ctx.memory.restarts.get(action.id);
    ctx.memory.restarts.set(action.id, {
      attempts: action.attempt,
      total: (record?.total ?? 0) + (action.why === 'new' ? 0 : 1),
      lastRestartAt: Date.now(),
    });
  }
  ctx.logger.warn(
    {
      app: ctx.app,
      action: action.type,
      service: action.service,
      replica: action.replica,
      err: isBerthError(error) ? error.message : error,
    },
    'action failed',
  );
  ctx.store.events.add(
    ctx.app,
    'replica.error',
    `${action.service}.${action.replica}: ${action.type} failed: ${message}`,
    {
      service: action.service,
      replica: action.replica,
    },
  );
}

async function ensureAppResources(ctx: ApplyContext): Promise<void> {
  const spec = ctx.desired?.release.spec;
  if (!spec) return;
  const labels = { [labelKeys.managed]: 'true', [labelKeys.app]: spec.name };
  for (const network of Object.values(spec.networks)) {
    if (network.external) continue;
    await ctx.engine.ensureNetwork(network.engineName, {
      labels: { ...network.labels, ...labels },
      internal: network.internal,
      ...(network.driver === undefined ? {} : { driver: network.driver }),
    });
  }
  for (const volume of Object.values(spec.volumes)) {
    if (volume.external || (await ctx.engine.volumeExists(volume.engineName))) continue;
    await ctx.engine.ensureVolume(volume.engineName, {
      labels: { ...volume.labels, ...labels },
      ...(volume.driver === undefined ? {} : { driver: volume.driver }),
    });
  }
}

/** The service's stop grace; undefined lets the engine use the container's own StopTimeout. */
function graceSeconds(ctx: ApplyContext, service: string): number | undefined {
  const ms = ctx.desired?.specs.get(service)?.stopGracePeriodMs;
  return ms === undefined ? undefined : Math.ceil(ms / 1000);
}

async function applyOne(action: Action, ctx: ApplyContext): Promise<void> {
  const { engine, memory, store, logger, app } = ctx;
  const where = { app, service: action.service, replica: action.replica };
  switch (action.type) {
    case 'remove': {
      await engine.stopContainer(action.id, graceSeconds(ctx, action.service));
      await engine.removeContainer(action.id);
      ctx.prober.reset(action.id);
      memory.restarts.delete(action.id);
      memory.errors.delete(action.id);
      store.events.add(
        app,
        'replica.removed',
        `${action.service}.${action.replica} removed (${action.why})`,
        { ...where, why: action.why },
      );
      logger.info({ ...where, why: action.why }, 'replica removed');
      return;
    }
    case 'create': {
      const desired = ctx.desired;
      const service = desired?.specs.get(action.service);
      const image = desired?.release.images[action.service];
      if (!desired || !service || !image) return;
      const config = replicaConfig(
        desired.release.spec,
        service,
        image,
        action.replica,
        desired.release.number,
      );
      const { id } = await engine.createContainer(config.create);
      for (const network of config.extraNetworks)
        await engine.connectNetwork(network.name, id, network.aliases);
      memory.errors.delete(slotKey(app, action.service, action.replica));
      store.events.add(app, 'replica.created', `${action.service}.${action.replica} created`, {
        ...where,
        id,
      });
      try {
        await engine.startContainer(id);
      } catch (error) {
        recordFailure(
          { type: 'start', id, service: action.service, replica: action.replica, why: 'new', attempt: 1 },
          error,
          ctx,
        );
        return;
      }
      logger.info({ ...where, id: id.slice(0, 12) }, 'replica started');
      return;
    }
    case 'start': {
      const before = ctx.observed.find((c) => c.id === action.id);
      await engine.startContainer(action.id);
      memory.errors.delete(action.id);
      if (action.why === 'crash') {
        const record = memory.restarts.get(action.id);
        memory.restarts.set(action.id, {
          attempts: action.attempt,
          total: (record?.total ?? 0) + 1,
          lastRestartAt: Date.now(),
        });
        const exit = before?.oomKilled ? 'OOM-killed' : `exit code ${before?.exitCode ?? '?'}`;
        store.events.add(
          app,
          'replica.restarted',
          `${action.service}.${action.replica} restarted after ${exit} (attempt ${action.attempt})`,
          {
            ...where,
            exitCode: before?.exitCode,
            attempt: action.attempt,
          },
        );
        logger.info(
          { ...where, exitCode: before?.exitCode, attempt: action.attempt },
          'replica restarted after crash',
        );
      }
      return;
    }
    case 'restart': {
      const message = ctx.prober.state(action.id)?.liveness?.lastMessage ?? 'liveness probe failed';
      await engine.restartContainer(action.id, graceSeconds(ctx, action.service));
      ctx.prober.reset(action.id);
      const record = memory.restarts.get(action.id);
      memory.restarts.set(action.id, {
        attempts: action.attempt,
        total: (record?.total ?? 0) + 1,
        lastRestartAt: Date.now(),
      });
      store.events.add(
        app,
        'replica.restarted',
        `${action.service}.${action.replica} restarted: liveness probe failed (${message})`,
        {
          ...where,
          attempt: action.attempt,
        },
      );
      logger.info({ ...where, probe: message }, 'replica restarted after liveness failure');
      return;
    }
  }
}
