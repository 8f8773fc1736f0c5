import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCatalogue } from './codes.js';

const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
const documented = [...doc.matchAll(/^\| `(BERTH_[A-Z_]+)`\s*\|/gm)].map((m) => m[1]);

describe('error catalogue', () => {
  it('documents every code in docs/errors.md, in catalogue order', () => {
    expect(documented).toEqual(Object.keys(errorCatalogue));
  });
});
