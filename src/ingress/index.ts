export { Ingress, upstreamRefreshMs } from './ingress.js';
export type { IngressOptions } from './ingress.js';
export { buildCaddyConfig, buildZone, routeHandlers, structureKey, upstreamName } from './caddy-config.js';
export type { IngressRoute } from './ingress-types.js';
export { AccessLogReader, parseAccessLine, trafficStats } from './access-log.js';
export type { AccessRecord, TrafficStats } from './access-log.js';
export { maxDnsRecords, weightedUpstreams } from './weighted-upstreams.js';
export type { WeightedUpstreams } from './weighted-upstreams.js';
