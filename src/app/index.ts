/**
 * The app model and its Compose loader: `loadCompose` turns a Compose file into a frozen `AppSpec`;
 * `topologicalOrder` orders its services dependencies first.
 */
export { loadCompose } from './load-compose.js';
export type { ComposeInput, LoadedCompose } from './load-compose.js';
export { topologicalOrder } from './dependency-graph.js';
export type * from './app-spec.js';
