export { Ingress } from './ingress.js';
export type { IngressOptions } from './ingress.js';
export { buildCaddyConfig, routeHandlers, structureKey } from './caddy-config.js';
export type { IngressRoute } from './ingress-types.js';
