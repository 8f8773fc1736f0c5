/** Labels on every engine object Berth creates; the engine is the source of truth for what runs. */
export const labelKeys = {
  managed: 'dev.berth.managed',
  /** The Berth installation (BERTH_HOME) that owns the object; other installations leave it alone. */
  instance: 'dev.berth.instance',
  app: 'dev.berth.app',
  service: 'dev.berth.service',
  release: 'dev.berth.release',
  replica: 'dev.berth.replica',
  /** Hash of the container's configuration; a changed hash means the replica must be replaced. */
  hash: 'dev.berth.hash',
} as const;
