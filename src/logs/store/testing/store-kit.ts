import { afterEach } from 'vitest';
import { LogStore, type LabelledLogLine, type LogStoreOptions } from '../index.js';
import { tempDirs } from './temp-dirs.js';

/** The log-store test files' fixture: stores opened in temp dirs, all closed and removed after each test. */
const dirs = tempDirs();
const stores: LogStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  dirs.removeAll();
});

export const makeDir = (): string => dirs.make();

export const t0 = 1_700_000_000_000;
export const everything = { selector: [], startMs: 0, endMs: 2 * t0 };

/** Opens a store without the background flush and scan threads (tests flush and scan explicitly). */
export async function open(dir = dirs.make(), options: LogStoreOptions = {}): Promise<LogStore> {
  const store = await LogStore.open(dir, { flushIntervalMs: 0, scanThreads: 0, ...options });
  stores.push(store);
  return store;
}

export async function closeAndReopen(
  store: LogStore,
  dir: string,
  options: LogStoreOptions = {},
): Promise<LogStore> {
  stores.splice(stores.indexOf(store), 1);
  await store.close();
  return open(dir, options);
}

export const lines = (entries: readonly LabelledLogLine[]): string[] => entries.map((e) => e.line);
