import type { HealthcheckSpec } from './app-spec.js';
import { composeError } from './compose-error.js';
import type { ComposeNode } from './compose-tree.js';
import { checkKeys, readMap, readStringList } from './read-collection.js';
import { readBool, readDuration, readInt } from './read-scalar.js';

const keys = ['test', 'interval', 'timeout', 'retries', 'start_period', 'disable'] as const;
const hint =
  'Write healthcheck: { test: ["CMD", "curl", "-f", "http://localhost"], interval: 30s, timeout: 5s, retries: 3 }.';
const testHint = 'Write test as a shell string, or a list starting with "CMD", "CMD-SHELL" or "NONE".';

/**
 * `healthcheck` (Compose Specification): a string `test` runs in a shell (`CMD-SHELL`), a list is
 * used as is, and `disable: true` turns the image's check off (`NONE`). Without `test` the image's
 * own check is kept (an empty Docker `Test`) with the given timings.
 */
export function loadHealthcheck(node: ComposeNode): HealthcheckSpec {
  const fields = checkKeys(readMap(node, hint), keys);
  const disable = fields.get('disable');
  if (disable !== undefined && readBool(disable)) return { test: ['NONE'] };
  const spec: HealthcheckSpec = { test: loadTest(fields.get('test')) };
  const duration = (key: 'interval' | 'timeout' | 'start_period'): number | undefined => {
    const value = fields.get(key);
    return value === undefined ? undefined : readDuration(value);
  };
  const intervalMs = duration('interval');
  const timeoutMs = duration('timeout');
  const startPeriodMs = duration('start_period');
  const retries = fields.get('retries');
  if (intervalMs !== undefined) spec.intervalMs = intervalMs;
  if (timeoutMs !== undefined) spec.timeoutMs = timeoutMs;
  if (retries !== undefined) spec.retries = readInt(retries, { min: 0 });
  if (startPeriodMs !== undefined) spec.startPeriodMs = startPeriodMs;
  return spec;
}

function loadTest(node: ComposeNode | undefined): string[] {
  if (node === undefined) return [];
  if (node.kind === 'scalar' && typeof node.value === 'string') return ['CMD-SHELL', node.text];
  const test = readStringList(node, testHint);
  const [kind] = test;
  if (kind !== 'CMD' && kind !== 'CMD-SHELL' && kind !== 'NONE') {
    throw composeError(
      'BERTH_COMPOSE_INVALID',
      node,
      `the test list starts with ${JSON.stringify(kind ?? '')}`,
      testHint,
    );
  }
  return test;
}
