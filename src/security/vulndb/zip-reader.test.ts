import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildZip } from './zip-fixture.js';
import { ZipReader } from './zip-reader.js';

const directory = mkdtempSync(join(tmpdir(), 'berth-zip-test-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const text = '{"id":"GO-2022-0956","modified":"2024-01-31T12:00:00Z"}'.repeat(20);

describe('ZipReader', () => {
  it.each([
    ['stored and deflated entries', false],
    ['a ZIP64 archive', true],
  ])('reads %s from a file, with names and times', (_label, zip64) => {
    const path = join(directory, `plain-${zip64}.zip`);
    writeFileSync(
      path,
      buildZip(
        [
          { name: 'a/GO-1.json', data: text, method: 0 },
          { name: 'GO-2.json', data: text },
          { name: 'empty.json', data: '' },
        ],
        { zip64 },
      ),
    );
    const zip = ZipReader.open(path);
    try {
      expect(zip.entries.map((e) => [e.name, e.method, e.size])).toEqual([
        ['a/GO-1.json', 0, text.length],
        ['GO-2.json', 8, text.length],
        ['empty.json', 8, 0],
      ]);
      expect(zip.entries.map((e) => zip.read(e).toString())).toEqual([text, text, '']);
      expect(new Date(zip.entries[0]!.modifiedMs).toISOString()).toBe('2024-01-31T12:00:00.000Z');
    } finally {
      zip.close();
    }
  });

  it('refuses a file that is not a ZIP archive', () => {
    expect(() => ZipReader.fromBuffer(Buffer.from('{"id": "x"}'))).toThrow(/not a ZIP archive/);
  });

  it('detects a corrupted entry by its CRC-32', () => {
    const archive = buildZip([{ name: 'x.json', data: text, method: 0 }]);
    archive[40] = archive[40]! ^ 0xff; // a byte of the stored data
    const zip = ZipReader.fromBuffer(archive);
    expect(() => zip.read(zip.entries[0]!)).toThrow(/CRC-32 mismatch/);
  });

  it('will not inflate an entry above the size limit', () => {
    const zip = ZipReader.fromBuffer(buildZip([{ name: 'big.json', data: 'x'.repeat(10_000) }]));
    expect(() => zip.read(zip.entries[0]!, 1_000)).toThrow(/over the 1000-byte limit/);
  });
});
