import type { Logger } from 'pino';
import type { DockerEngine } from '../engine/index.js';
import type { Ingress } from '../ingress/index.js';
import type { LogService } from '../logs/service/index.js';
import type { Orchestrator } from '../orchestrator/index.js';
import type { PipelineService } from '../pipeline/service/index.js';
import type { SecretBox } from '../secrets/index.js';
import type { Store } from '../store/index.js';

/** Everything the HTTP API needs; built by the server, replaced by fakes in API unit tests. */
export interface ApiDeps {
  store: Store;
  orchestrator: Pick<Orchestrator, 'status' | 'trigger' | 'down' | 'reconcile'>;
  engine: DockerEngine;
  ingress: Pick<Ingress, 'checkAvailable' | 'portsOf'>;
  logger: Logger;
  logs: LogService;
  pipelines: PipelineService;
  /** Encrypts pipeline secrets with `$BERTH_HOME/secrets.key`. */
  secretBox: SecretBox;
  adminToken: string;
  /** `$BERTH_HOME/vulndb.sqlite`, shared with `berth db update`. */
  vulnDbPath: string;
  version: string;
}
