import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { readTar, type TarEntry } from './tar-reader.js';
import { tarOf } from './testing/image-fixtures.js';

function chunked(data: Buffer, size: number): AsyncIterable<Buffer> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) chunks.push(data.subarray(i, i + size));
  return Readable.from(chunks);
}

async function listing(
  data: Buffer,
  chunkSize = 7919,
): Promise<{ entry: Omit<TarEntry, 'body'>; text: string }[]> {
  const out: { entry: Omit<TarEntry, 'body'>; text: string }[] = [];
  for await (const { body, ...entry } of readTar(chunked(data, chunkSize), 'test.tar')) {
    const parts: Buffer[] = [];
    for await (const chunk of body) parts.push(chunk);
    out.push({ entry, text: Buffer.concat(parts).toString('utf8') });
  }
  return out;
}

const work = mkdtempSync(join(tmpdir(), 'berth-tar-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('readTar', () => {
  it('reads files, directories, symlinks and hardlinks with their modes, across any chunking', async () => {
    const tar = await tarOf([
      { name: 'etc/', type: 'directory' },
      { name: 'etc/os-release', data: 'ID=debian\n', mode: 0o644 },
      { name: 'usr/bin/tool', data: Buffer.alloc(1500, 1), mode: 0o755 },
      { name: 'usr/bin/alias', type: 'symlink', linkname: 'tool' },
      { name: 'usr/bin/hard', type: 'link', linkname: 'usr/bin/tool' },
    ]);
    for (const chunkSize of [1, 511, 512, 4096, tar.length]) {
      const entries = await listing(tar, chunkSize);
      expect(
        entries.map((e) => [e.entry.path, e.entry.type, e.entry.size, e.entry.mode, e.entry.linkName]),
      ).toEqual([
        ['etc/', 'directory', 0, 0o755, ''],
        ['etc/os-release', 'file', 10, 0o644, ''],
        ['usr/bin/tool', 'file', 1500, 0o755, ''],
        ['usr/bin/alias', 'symlink', 0, 0o644, 'tool'],
        ['usr/bin/hard', 'hardlink', 0, 0o644, 'usr/bin/tool'],
      ]);
      expect(entries[1]?.text).toBe('ID=debian\n');
    }
  });

  it('skips the bodies a reader leaves unread', async () => {
    const tar = await tarOf([
      { name: 'big', data: Buffer.alloc(100_000, 7) },
      { name: 'small', data: 'kept' },
    ]);
    const seen: string[] = [];
    for await (const entry of readTar(chunked(tar, 3000), 'test.tar')) {
      if (entry.path === 'small') for await (const chunk of entry.body) seen.push(chunk.toString());
    }
    expect(seen.join('')).toBe('kept');
  });

  it('reads names longer than 100 bytes from pax headers (tar-stream) and GNU long-name records (GNU tar)', async () => {
    const long = `${'d'.repeat(120)}/${'f'.repeat(130)}`;
    const pax = await listing(await tarOf([{ name: long, data: 'pax' }]));
    expect(pax.map((e) => [e.entry.path, e.text])).toEqual([[long, 'pax']]);

    const root = join(work, 'gnu');
    mkdirSync(join(root, 'd'.repeat(120)), { recursive: true });
    writeFileSync(join(root, long), 'gnu');
    const file = join(work, 'gnu.tar');
    execFileSync('tar', ['--format=gnu', '-C', root, '-cf', file, long]);
    const gnu = await listing(readFileSync(file));
    expect(gnu.map((e) => [e.entry.path, e.text])).toEqual([[long, 'gnu']]);
  });

  it('reads ustar prefix fields written by GNU tar in POSIX mode', async () => {
    const root = join(work, 'ustar');
    const path = `${'p'.repeat(90)}/${'q'.repeat(60)}/file.txt`;
    mkdirSync(join(root, 'p'.repeat(90), 'q'.repeat(60)), { recursive: true });
    writeFileSync(join(root, path), 'ustar');
    const file = join(work, 'ustar.tar');
    execFileSync('tar', ['--format=ustar', '-C', root, '-cf', file, path]);
    const entries = await listing(readFileSync(file));
    expect(entries.map((e) => [e.entry.path, e.text])).toEqual([[path, 'ustar']]);
  });

  it('rejects data that is not a tar archive, naming it', async () => {
    await expect(listing(Buffer.alloc(1024, 0x41))).rejects.toThrow(
      /test\.tar is not a tar archive \(bad header checksum at byte 0\)/,
    );
  });

  it('rejects an archive cut in the middle of an entry', async () => {
    const tar = await tarOf([{ name: 'a', data: Buffer.alloc(5000, 1) }]);
    await expect(listing(tar.subarray(0, 2048))).rejects.toThrow(/ends in the middle of a tar entry/);
  });

  it('ends at an archive without end-of-archive blocks', async () => {
    const tar = await tarOf([{ name: 'a', data: 'x' }]);
    const entries = await listing(tar.subarray(0, 1024));
    expect(entries.map((e) => e.entry.path)).toEqual(['a']);
  });
});
