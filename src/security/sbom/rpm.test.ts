import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRpmHeader, parseSourceRpm } from './rpm-header.js';
import { readRpmdbSqlite } from './rpmdb-sqlite.js';
import { rpmHeaderBlob, rpmPackage } from './testing/rpm-fixtures.js';

const work = mkdtempSync(join(tmpdir(), 'berth-rpm-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const openssl = rpmPackage({
  name: 'openssl-libs',
  version: '3.0.7',
  release: '25.el9_3',
  epoch: 1,
  arch: 'x86_64',
  sourceRpm: 'openssl-3.0.7-25.el9_3.src.rpm',
  files: ['/usr/lib64/libcrypto.so.3', '/usr/lib64/libssl.so.3', '/etc/pki/tls/openssl.cnf'],
});
const bash = rpmPackage({
  name: 'bash',
  version: '5.1.8',
  release: '6.el9_1',
  arch: 'x86_64',
  sourceRpm: 'bash-5.1.8-6.el9_1.src.rpm',
  files: ['/usr/bin/bash'],
});

/** An rpmdb.sqlite as rpm 4.16+ creates it (lib/backend/sqlite.c), in WAL mode like RHEL 9's. */
function rpmdb(blobs: Buffer[]): Buffer {
  const path = join(work, `rpmdb-${blobs.length}.sqlite`);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)');
  const insert = db.prepare('INSERT INTO Packages (blob) VALUES (?)');
  for (const blob of blobs) insert.run(blob);
  db.close();
  return readFileSync(path);
}

describe('parseRpmHeader', () => {
  it('reads name, epoch:version-release, arch, source rpm and file names', () => {
    expect(parseRpmHeader(openssl)).toEqual({
      name: 'openssl-libs',
      version: '1:3.0.7-25.el9_3',
      epoch: 1,
      architecture: 'x86_64',
      sourceName: 'openssl',
      sourceVersion: '1:3.0.7-25.el9_3',
      files: ['usr/lib64/libcrypto.so.3', 'usr/lib64/libssl.so.3', 'etc/pki/tls/openssl.cnf'],
    });
  });

  it('leaves the epoch out when the package has none', () => {
    expect(parseRpmHeader(bash)).toMatchObject({
      version: '5.1.8-6.el9_1',
      sourceName: 'bash',
      sourceVersion: '5.1.8-6.el9_1',
    });
  });

  it.each([
    ['an empty blob', Buffer.alloc(0)],
    ['a count beyond the blob', Buffer.from([0, 0, 0, 9, 0, 0, 0, 0])],
    ['a header without NAME', rpmHeaderBlob([{ tag: 1001, type: 6, value: '1.0' }])],
  ])('returns undefined for %s', (_, blob) => {
    expect(parseRpmHeader(blob)).toBeUndefined();
  });

  it.each([
    ['bash-5.1.8-6.el9_1.src.rpm', { name: 'bash', version: '5.1.8-6.el9_1' }],
    ['python3.11-3.11.5-1.el9.nosrc.rpm', { name: 'python3.11', version: '3.11.5-1.el9' }],
    ['garbage', undefined],
  ])('splits the source rpm name %s', (file, expected) => {
    expect(parseSourceRpm(file)).toEqual(expected);
  });
});

describe('readRpmdbSqlite', () => {
  it('reads every package of a WAL-mode rpmdb.sqlite from its bytes, leaving out gpg-pubkey', () => {
    const pubkey = rpmPackage({
      name: 'gpg-pubkey',
      version: 'fd431d51',
      release: '4ae0493b',
      arch: '',
      sourceRpm: '',
      files: [],
    });
    const bytes = rpmdb([openssl, bash, pubkey]);
    expect(bytes[18]).toBe(2);
    expect(readRpmdbSqlite(bytes).map((p) => `${p.name} ${p.version} ${p.sourceName}`)).toEqual([
      'openssl-libs 1:3.0.7-25.el9_3 openssl',
      'bash 5.1.8-6.el9_1 bash',
    ]);
  });
});
