export { startServer } from './start-server.js';
export type { RunningServer } from './start-server.js';
export { createApi } from './create-api.js';
export type { ApiDeps } from './api-deps.js';
export { adminTokenFile, ensureAdminToken } from './admin-token.js';
export { berthVersion } from './version.js';
export type { DeployRequest, ScaleRequest } from './api-schemas.js';
