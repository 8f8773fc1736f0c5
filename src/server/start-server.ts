import { serve, type ServerType } from '@hono/node-server';
import { pino, type Logger } from 'pino';
import type { ResolvedConfig } from '../config/index.js';
import { join } from 'node:path';
import { DockerEngine } from '../engine/index.js';
import { Ingress } from '../ingress/index.js';
import { vulnDbFileName } from '../security/vulndb/index.js';
import { BerthError } from '../errors/index.js';
import { LogService, parseExportTargets } from '../logs/service/index.js';
import { StatsHub } from '../metrics/index.js';
import { Orchestrator } from '../orchestrator/index.js';
import { openStore } from '../store/index.js';
import { SecretBox } from '../secrets/index.js';
import { cleanupAllRuns } from '../pipeline/runner/index.js';
import {
  commitStatusReporter,
  executeWithRunner,
  PipelineService,
  PipelineTriggers,
} from '../pipeline/service/index.js';
import { checkout } from '../pipeline/source/index.js';
import { ensureAdminToken } from './admin-token.js';
import { ensureInstanceId } from './instance-id.js';
import { createApi } from './create-api.js';
import { berthVersion } from './version.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the daemon: store, engine connection, orchestrator, then the HTTP API. The engine must be
 * reachable; otherwise this fails with BERTH_ENGINE_UNREACHABLE and a hint how to start Docker.
 */
export async function startServer(
  config: ResolvedConfig,
  env: Readonly<Record<string, string | undefined>>,
  logger: Logger = pino({ level: config.logLevel }),
): Promise<RunningServer> {
  const adminToken = ensureAdminToken(config.home);
  const store = openStore(config.home);
  const engine = new DockerEngine(config.dockerHost, ensureInstanceId(config.home), {
    capacity: {
      ...(config.capacityCpus === undefined ? {} : { cpus: config.capacityCpus }),
      ...(config.capacityMemoryBytes === undefined ? {} : { memoryBytes: config.capacityMemoryBytes }),
    },
  });
  const ingress = new Ingress({
    dir: join(config.home, 'ingress'),
    adminListen: config.ingressAdmin,
    dnsListen: config.ingressDns,
    caddyBinary: config.caddy,
    env,
    logger,
  });
  const logs = await LogService.open({
    dir: join(config.home, 'logs'),
    engine,
    logger,
    record: (app, kind, message, data) => store.events.add(app, kind, message, data),
    apps: () =>
      store.releases.desiredReleases().map((r) => ({
        app: r.app,
        ...(r.spec.logs ? { logs: r.spec.logs } : {}),
        ...(r.spec.alerts ? { alerts: r.spec.alerts } : {}),
      })),
    retentionMs: config.retentionMs,
    maxBytes: config.logsMaxBytes,
    exportTargets: parseExportTargets(config.logsExport),
    multiline: (app, service) => {
      const record = store.releases.findApp(app);
      const release = record?.currentRelease ? store.releases.get(app, record.currentRelease) : undefined;
      const mode = release?.spec.services[service]?.logs?.multiline ?? 'off';
      return typeof mode === 'string' ? mode : { startPattern: new RegExp(mode.start, 'u') };
    },
    externalUrl: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`,
    onRetention: (perApp, defaultBeforeMs) => {
      store.metrics.deleteBefore(defaultBeforeMs, { exceptApps: [...perApp.keys()] });
      for (const [app, beforeMs] of perApp) store.metrics.deleteBefore(beforeMs, { app });
    },
  });
  const stats = new StatsHub({
    engine,
    metrics: store.metrics,
    logger,
    recordEveryMs: config.metricsEveryMs,
  });
  const orchestrator = new Orchestrator({
    engine,
    ingress,
    store,
    logger,
    stats,
    observers: [stats, logs],
    resyncMs: config.resyncMs,
    backoff: {
      initialMs: config.backoffInitialMs,
      maxMs: config.backoffMaxMs,
      resetMs: config.backoffResetMs,
    },
  });
  const secretBox = SecretBox.open(config.home);
  const vulnDbPath = join(config.home, vulnDbFileName);
  let triggers: PipelineTriggers | undefined;
  const pipelines = new PipelineService({
    store,
    secretBox,
    logger,
    dir: join(config.home, 'pipelines'),
    onPipelineLoaded: (app, spec) => triggers?.learnCron(app, spec.cron),
    onSourceChanged: () => triggers?.refresh(),
    reportStatus: commitStatusReporter({
      store,
      secretBox,
      externalUrl: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`,
    }),
    checkout: (input) =>
      checkout({
        repoUrl: input.repoUrl,
        ...(input.commit ? { commit: input.commit } : {}),
        ref: input.ref,
        dir: input.dir,
        signal: input.signal,
        ...(input.token ? { credentials: { token: input.token } } : {}),
      }).then((r) => ({ commit: r.commit, message: r.message })),
    execute: executeWithRunner({
      docker: engine.client,
      instance: engine.instance,
      defaults: { cpus: 1, memoryBytes: 1024 ** 3 },
      builtins: {
        engine,
        docker: engine.client,
        store,
        logger,
        deploy: { engine, ingress, store, logger },
        vulnDbPath,
      },
    }),
  });
  try {
    await orchestrator.start();
    await cleanupAllRuns(engine.client, engine.instance).catch((error: unknown) =>
      logger.warn({ err: error }, 'leftover pipeline containers not removed'),
    );
    pipelines.start();
    triggers = new PipelineTriggers({
      store,
      secretBox,
      logger,
      dir: join(config.home, 'pipelines'),
      enqueue: (app, trigger) => {
        try {
          pipelines.enqueue(app, trigger);
        } catch (error) {
          logger.warn({ err: error, app }, 'triggered run not queued');
        }
      },
    });
    triggers.start();
    stats.start();
    logs.start();
  } catch (error) {
    await orchestrator.stop();
    stats.stop();
    await logs.close();
    store.close();
    throw error;
  }
  const api = createApi({
    store,
    orchestrator,
    engine,
    ingress,
    logs,
    secretBox,
    pipelines,
    vulnDbPath,
    logger,
    adminToken,
    version: berthVersion,
  });
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: api.fetch, hostname: config.host, port: config.port }, () => resolve(s));
    s.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new BerthError(
              'BERTH_PORT_IN_USE',
              `cannot listen on ${config.host}:${config.port}: the address is in use`,
              {
                hint: 'Another berth server may be running (check `berth version`); stop it or use --listen / BERTH_LISTEN.',
                cause: error,
              },
            )
          : error,
      ),
    );
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info(
    { url, home: config.home, dockerHost: config.dockerHost, version: berthVersion },
    'berth daemon listening',
  );
  let closing: Promise<void> | undefined;
  return {
    url,
    close: () =>
      (closing ??= (async () => {
        logger.info('shutting down');
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          if ('closeAllConnections' in server) server.closeAllConnections();
        });
        triggers?.stop();
        await pipelines.stop();
        await orchestrator.stop();
        stats.stop();
        await logs.close();
        store.close();
        logger.info('stopped');
      })()),
  };
}
