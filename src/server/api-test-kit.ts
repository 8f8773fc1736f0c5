import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadCompose } from '../app/index.js';
import { DockerEngine } from '../engine/index.js';
import { LogService } from '../logs/service/index.js';
import { PipelineService, type PipelineServiceDeps } from '../pipeline/service/index.js';
import { SecretBox } from '../secrets/index.js';
import { openStore, type Store } from '../store/index.js';
import type { ApiDeps } from './api-deps.js';
import { createApi } from './create-api.js';

/** An API over a real store in a temp dir and an engine that must never be reached (unit tests only). */
export interface ApiKit {
  api: ReturnType<typeof createApi>;
  store: Store;
  home: string;
  get(path: string): Promise<Response>;
  /** Records a release of a one-service app so routes that need an app find it. */
  deployApp(name: string, services?: string[]): void;
  close(): Promise<void>;
}

export const testToken = 'test-token-0123456789abcdef';

/**
 * Route tests never run pipelines: checkout and execution refuse, so a queued run ends in `error` with
 * this message if anything tries.
 */
const noPipelineRuns: Pick<PipelineServiceDeps, 'checkout' | 'execute'> = {
  checkout: () => Promise.reject(new Error('route tests run no pipelines')),
  execute: () => Promise.reject(new Error('route tests run no pipelines')),
};

export async function apiKit(
  overrides: Partial<ApiDeps> = {},
  pipelineDeps: Pick<PipelineServiceDeps, 'checkout' | 'execute'> = noPipelineRuns,
): Promise<ApiKit> {
  const home = mkdtempSync(join(tmpdir(), 'berth-api-'));
  const store = openStore(home);
  const logger = pino({ level: 'silent' });
  const engine = new DockerEngine(join(home, 'no-docker.sock'), 'test');
  const secretBox = SecretBox.open(home);
  const logs = await LogService.open({
    dir: join(home, 'logs'),
    engine,
    logger,
    record: (app, kind, message, data) => store.events.add(app, kind, message, data),
    apps: () => [],
    retentionMs: 7 * 86_400_000,
    maxBytes: 1024 ** 3,
    externalUrl: 'http://127.0.0.1:7070',
  });
  const deps: ApiDeps = {
    store,
    orchestrator: {
      status: () => Promise.reject(new Error('not used')),
      trigger: () => undefined,
      down: () => Promise.resolve({ removedNetworks: [], removedVolumes: [] }),
      reconcile: () => Promise.resolve(),
    },
    engine,
    logs,
    secretBox,
    pipelines: new PipelineService({
      store,
      secretBox,
      logger,
      dir: join(home, 'pipelines'),
      ...pipelineDeps,
    }),
    ingress: { checkAvailable: () => Promise.resolve(), portsOf: () => new Set() },
    vulnDbPath: join(home, 'vulndb.sqlite'),
    logger,
    adminToken: testToken,
    version: '0.0.0-test',
    ...overrides,
  };
  const api = createApi(deps);
  return {
    api,
    store,
    home,
    get: (path) => Promise.resolve(api.request(path, { headers: { authorization: `Bearer ${testToken}` } })),
    deployApp: (name, services = ['web']) => {
      const content = `name: ${name}\nservices:\n${services.map((s) => `  ${s}:\n    image: busybox\n`).join('')}`;
      const { spec } = loadCompose({
        file: { path: '/p/compose.yaml', content },
        projectDir: '/p',
        environment: {},
        readFile: () => undefined,
      });
      store.releases.create({ spec, images: {}, reason: 'test', projectDir: '/p' });
    },
    close: async () => {
      await logs.close();
      store.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
