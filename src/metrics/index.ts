/**
 * Container metrics (issue 5 item 8): one Docker stats stream per running replica, fanned out to the
 * autoscaler (latest reading) and to `state.db` (a point per replica every 10 s).
 */
export { StatsHub } from './stats-hub.js';
export type { LatestStats, StatsHubOptions } from './stats-hub.js';
export { containerPoint, countersOf } from './container-point.js';
export type { ContainerPoint, Counters } from './container-point.js';
export { cpuPercentFromStats, memoryUsedBytes } from './docker-stats.js';
export type { DockerCpuStats, DockerMemoryStats } from './docker-stats.js';
