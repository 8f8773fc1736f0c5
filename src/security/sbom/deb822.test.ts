import { describe, expect, it } from 'vitest';
import { parseStanzas } from './deb822.js';

const status = [
  'Package: libc6',
  'Status: install ok installed',
  'Description: GNU C Library',
  ' Contains the standard libraries: libc, libm and others.',
  'Conffiles:',
  ' /etc/ld.so.conf.d/x86_64-linux-gnu.conf d4e7a7b88a71b5ffd9e2644e71a0cfab',
  'Version: 2.36-9',
  '',
  'Package: zlib1g',
  'Version: 1:1.2.13',
  '',
].join('\r\n');

describe('parseStanzas', () => {
  it('reads every field, continuation lines joined with newlines, CRLF or LF', () => {
    const [libc, zlib] = parseStanzas(status);
    expect(libc?.get('description')).toBe(
      'GNU C Library\nContains the standard libraries: libc, libm and others.',
    );
    expect(libc?.get('version')).toBe('2.36-9');
    expect(zlib?.get('version')).toBe('1:1.2.13');
  });

  it('keeps only the named fields, and continuation lines of skipped fields are not read as fields', () => {
    const stanzas = parseStanzas(status, { fields: new Set(['package', 'version']) });
    expect(stanzas.map((s) => Object.fromEntries(s))).toEqual([
      { package: 'libc6', version: '2.36-9' },
      { package: 'zlib1g', version: '1:1.2.13' },
    ]);
  });

  it('stops at the first blank line with firstOnly', () => {
    const stanzas = parseStanzas('Name: x\nVersion: 1\n\nbody: not a header\n', { firstOnly: true });
    expect(stanzas.map((s) => Object.fromEntries(s))).toEqual([{ name: 'x', version: '1' }]);
  });

  it('keeps the first of repeated fields with its continuation, not the later ones', () => {
    const [stanza] = parseStanzas('Classifier: A\n more\nClassifier: B\n other: line\n');
    expect(Object.fromEntries(stanza ?? [])).toEqual({ classifier: 'A\nmore' });
  });
});
