/** The built-in pipeline step kinds: build, scan, push, deploy, approval (issue 6). */
export { builtinHandlers, splitTag } from './builtin-handlers.js';
export type { BuiltinDeps } from './builtin-handlers.js';
export { blockingFindings } from './scan-policy.js';
