export { helpText, runCli } from './run-cli.js';
export { ApiClient } from './api-client.js';
export type { CliContext } from './cli-context.js';
