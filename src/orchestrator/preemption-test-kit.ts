import { loadCompose, type AppSpec } from '../app/index.js';
import type { ManagedContainer } from '../engine/index.js';
import type { Release } from '../store/index.js';

// Fixtures for the preemption tests: specs from Compose text, releases and observed containers.

/** A spec from Compose text, so the test reads like what a user writes. */
export const composeSpec = (name: string, services: string): AppSpec =>
  loadCompose({
    file: { path: '/p/compose.yaml', content: `name: ${name}\nservices:\n${services}` },
    projectDir: '/p',
    environment: {},
    readFile: () => undefined,
  }).spec;

export const release = (spec: AppSpec, createdAt = 1): Release => ({
  app: spec.name,
  number: 1,
  createdAt,
  spec,
  images: Object.fromEntries(Object.keys(spec.services).map((s) => [s, { id: 'sha256:x' }])),
  reason: 'up',
  status: 'active',
  message: null,
  verifiedAt: null,
  pipelineRun: null,
});

export const container = (
  app: string,
  service: string,
  replica: number,
  over: Partial<ManagedContainer> = {},
): ManagedContainer => ({
  id: `${app}-${service}-${replica}-${over.state ?? 'running'}`,
  name: `${app}-${service}-${replica}-abcdef12`,
  app,
  service,
  replica,
  release: 1,
  hash: 'h',
  state: 'running',
  health: undefined,
  exitCode: undefined,
  oomKilled: false,
  startedAt: 1000 * replica,
  finishedAt: 0,
  ips: {},
  publishedPorts: [],
  ...over,
});
