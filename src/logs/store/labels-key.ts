import { BerthError } from '../../errors/index.js';
import type { Labels } from './log-line.js';

/** Prometheus label names, as Loki requires for stream labels. */
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Validates a label set and returns its canonical form (names sorted) with a key that identifies the
 * stream: two label sets with the same pairs in any order are the same stream.
 */
export function canonicalLabels(labels: Labels): { key: string; labels: Labels } {
  const names = Object.keys(labels).sort();
  const sorted: Record<string, string> = {};
  for (const name of names) {
    const value = labels[name];
    if (!labelName.test(name) || typeof value !== 'string') {
      throw new BerthError(
        'BERTH_BAD_REQUEST',
        `invalid stream label ${JSON.stringify(name)}=${JSON.stringify(value)}`,
        {
          hint: 'Label names match [a-zA-Z_][a-zA-Z0-9_]* and values are strings.',
        },
      );
    }
    sorted[name] = value;
  }
  return { key: JSON.stringify(sorted), labels: Object.freeze(sorted) };
}
