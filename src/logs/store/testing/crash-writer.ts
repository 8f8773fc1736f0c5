/**
 * Test helper run as a child process: opens the store in argv[2], appends 3 entries, sets checkpoint
 * "c" to "after-3", flushes if argv[3] is "flush", then dies with SIGKILL (no close, no exit hooks).
 */
import { LogStore } from '../log-store.js';

const [dir, mode] = process.argv.slice(2);
if (dir === undefined) throw new Error('usage: crash-writer DIR [flush]');
const store = await LogStore.open(dir, { flushIntervalMs: 0 });
store.append({ app: 'crash' }, [
  { timestampMs: 1000, line: 'one' },
  { timestampMs: 2000, line: 'two' },
  { timestampMs: 3000, line: 'three' },
]);
store.setCheckpoint('c', 'after-3');
if (mode === 'flush') await store.flush();
// A later append that was never flushed: it must vanish with the crash, whatever the mode.
store.append({ app: 'crash' }, [{ timestampMs: 4000, line: 'four' }]);
store.setCheckpoint('c', 'after-4');
process.kill(process.pid, 'SIGKILL');
