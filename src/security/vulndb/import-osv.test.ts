import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BerthError } from '../../errors/index.js';
import { osvExportUrls } from './download-feed.js';
import { importOsv, type ImportProgress } from './import-osv.js';
import { VulnDb } from './vuln-db.js';
import { buildZip } from './zip-fixture.js';

const corpus = new URL('../../../../shared/datasets/osv/', import.meta.url);
const corpusFile = (path: string) => readFileSync(new URL(path, corpus), 'utf8');

let directory: string;
let db: VulnDb;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'berth-vulndb-import-'));
  db = new VulnDb(join(directory, 'vulndb.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(directory, { recursive: true, force: true });
});

/** A small OSV record for one npm package, affected below `fixed`. */
function npmRecord(id: string, modified: string, fixed: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id,
    modified,
    affected: [
      {
        package: { ecosystem: 'npm', name: 'left-pad' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed }] }],
      },
    ],
    ...extra,
  });
}

const ids = (name: string, version: string, ecosystem = 'npm') =>
  db.match({ ecosystem, name, version }).matches.map((m) => m.advisory.id);

function writeZip(name: string, entries: Parameters<typeof buildZip>[0], zip64 = false): string {
  const path = join(directory, name);
  writeFileSync(path, buildZip(entries, { zip64 }));
  return path;
}

describe('importOsv from a .zip', () => {
  const realEntries = () => [
    { name: 'GO-2022-0956.json', data: corpusFile('go/GO-2022-0956.json') },
    { name: 'PYSEC-2021-335.yaml', data: corpusFile('pypi/accesscontrol/PYSEC-2021-335.yaml') },
    {
      name: 'DSA-3029-1.json',
      data: corpusFile('debian-alpine-samples/DSA-3029-1.json'),
      method: 0 as const,
    },
    { name: 'README.md', data: '# not a record' },
    { name: 'bad.json', data: '{"id": "BAD-1", "modified": "yesterday"}' },
  ];

  it.each([
    ['a ZIP archive', false],
    ['a ZIP64 archive', true],
  ])('imports the records of %s and reports the bad one by entry name', async (_label, zip64) => {
    const zip = writeZip('all.zip', realEntries(), zip64);
    const report = await importOsv(db, zip);
    expect(report).toMatchObject({ files: 4, records: 3, imported: 3, skipped: 0, gitRangesSkipped: 1 });
    expect(report.invalid).toEqual([
      {
        file: `${zip}!/bad.json`,
        error:
          'not a valid OSV record: modified: expected an RFC 3339 timestamp such as "2024-01-31T12:00:00Z"',
      },
    ]);
    expect(ids('gopkg.in/yaml.v2', '2.2.3', 'Go')).toEqual(['GO-2022-0956']);
    expect(ids('accesscontrol', '5.1', 'PyPI')).toEqual(['PYSEC-2021-335']);
  });

  it('skips every record when the same archive is imported again', async () => {
    const zip = writeZip('all.zip', realEntries());
    await importOsv(db, zip);
    expect(await importOsv(db, zip)).toMatchObject({ files: 4, imported: 0, skipped: 3 });
  });

  it('reports an archive it cannot read and goes on with the next source', async () => {
    const broken = join(directory, 'broken.zip');
    writeFileSync(broken, 'PK but not really');
    const good = writeZip('good.zip', [
      { name: 'A-1.json', data: npmRecord('A-1', '2024-01-01T00:00:00Z', '1.0.0') },
    ]);
    const report = await importOsv(db, [broken, good]);
    expect(report.invalid).toEqual([
      { file: broken, error: expect.stringMatching(/^not a readable ZIP archive: /) },
    ]);
    expect(report.imported).toBe(1);
  });
});

describe('importOsv incremental updates', () => {
  const v1 = npmRecord('A-1', '2024-01-01T00:00:00Z', '1.0.0');
  const v2 = npmRecord('A-1', '2024-02-01T00:00:00Z', '2.0.0');

  function writeRecords(files: Record<string, string>): string {
    const root = join(directory, 'records');
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(root, name, '..'), { recursive: true });
      writeFileSync(join(root, name), text);
    }
    return root;
  }

  it('replaces a record whose modified is newer, and ignores an older one', async () => {
    await importOsv(db, writeRecords({ 'A-1.json': v1 }));
    expect(ids('left-pad', '1.5.0')).toEqual([]);
    expect(await importOsv(db, writeRecords({ 'A-1.json': v2 }))).toMatchObject({ imported: 1, skipped: 0 });
    expect(db.match({ ecosystem: 'npm', name: 'left-pad', version: '1.5.0' }).matches[0]?.fixed).toEqual([
      '2.0.0',
    ]);
    expect(await importOsv(db, writeRecords({ 'A-1.json': v1 }))).toMatchObject({ imported: 0, skipped: 1 });
    expect(ids('left-pad', '1.5.0')).toEqual(['A-1']);
  });

  it('drops a package that a newer version of the same file no longer lists', async () => {
    const both = JSON.parse(v1) as { affected: unknown[] };
    both.affected.push({
      package: { ecosystem: 'npm', name: 'right-pad' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }],
    });
    await importOsv(db, writeRecords({ 'A-1.json': JSON.stringify(both) }));
    expect(ids('right-pad', '1.0.0')).toEqual(['A-1']);
    await importOsv(db, writeRecords({ 'A-1.json': v2 }));
    expect(ids('right-pad', '1.0.0')).toEqual([]);
  });

  it('keeps the packages of one id published in several files (one per component)', async () => {
    const node = npmRecord('CVE-2023-44487', '2024-01-01T00:00:00Z', '1.0.0');
    const envoy = node.replace('left-pad', 'envoy').replace('"1.0.0"', '"3.0.0"');
    const report = await importOsv(
      db,
      writeRecords({ 'node/CVE-2023-44487.json': node, 'envoy/CVE-2023-44487.json': envoy }),
    );
    expect(report).toMatchObject({ imported: 2, skipped: 0 });
    expect([ids('left-pad', '0.9.0'), ids('envoy', '2.0.0')]).toEqual([
      ['CVE-2023-44487'],
      ['CVE-2023-44487'],
    ]);
  });

  it('keeps a record that became withdrawn but stops matching it', async () => {
    await importOsv(db, writeRecords({ 'A-1.json': v1 }));
    const withdrawn = npmRecord('A-1', '2024-03-01T00:00:00Z', '1.0.0', {
      withdrawn: '2024-03-01T00:00:00Z',
    });
    await importOsv(db, writeRecords({ 'A-1.json': withdrawn }));
    expect(ids('left-pad', '0.5.0')).toEqual([]);
    expect(db.advisory('A-1')?.withdrawn).toBe('2024-03-01T00:00:00Z');
  });
});

describe('importOsv validation', () => {
  it('reports each invalid file with its reason and imports the rest', async () => {
    const root = join(directory, 'mixed');
    mkdirSync(root);
    writeFileSync(join(root, 'ok.json'), npmRecord('OK-1', '2024-01-01T00:00:00Z', '1.0.0'));
    writeFileSync(
      join(root, 'two-keys.json'),
      npmRecord('BAD-2', '2024-01-01T00:00:00Z', '1.0.0').replace(
        '{"introduced":"0"}',
        '{"introduced":"0","fixed":"1.0.0"}',
      ),
    );
    writeFileSync(join(root, 'broken.json'), '{"id": ');
    writeFileSync(join(root, 'no-id.yaml'), 'modified: 2024-01-01T00:00:00Z\n');
    const report = await importOsv(db, root);
    expect(report.imported).toBe(1);
    expect(report.invalid.map((i) => [i.file.slice(root.length + 1), i.error])).toEqual([
      ['broken.json', expect.stringMatching(/^not valid JSON: /)],
      ['no-id.yaml', 'not a valid OSV record: id: Invalid input: expected string, received undefined'],
      [
        'two-keys.json',
        'not a valid OSV record: affected.0.ranges.0.events.0: an event must have exactly one of introduced, fixed, last_affected or limit',
      ],
    ]);
  });

  it('keeps YAML versions as written: an unquoted 1.10 is not the number 1.1', async () => {
    const path = join(directory, 'PYSEC-TEST-1.yaml');
    writeFileSync(
      path,
      [
        'id: PYSEC-TEST-1',
        'modified: 2024-01-01T00:00:00Z',
        'aliases:',
        'affected:',
        '- package: {ecosystem: PyPI, name: Some_Package}',
        '  ranges:',
        '  - type: ECOSYSTEM',
        '    events:',
        '    - introduced: 0',
        '    - fixed: 1.10',
        '',
      ].join('\n'),
    );
    expect(await importOsv(db, path)).toMatchObject({ imported: 1, invalid: [] });
    expect(db.match({ ecosystem: 'PyPI', name: 'some-package', version: '1.9' }).matches[0]?.fixed).toEqual([
      '1.10',
    ]);
  });

  it('counts entries of ecosystems without a version order (stored, never matched)', async () => {
    const path = join(directory, 'LINUX-1.json');
    writeFileSync(path, npmRecord('LINUX-1', '2024-01-01T00:00:00Z', '6.1.0').replace('"npm"', '"Linux"'));
    expect((await importOsv(db, path)).unsupportedEcosystems).toEqual({ Linux: 1 });
  });

  it('skips GIT ranges and says when an entry has nothing else to evaluate', async () => {
    const path = join(directory, 'OSV-GIT-1.json');
    const gitOnly = JSON.parse(npmRecord('OSV-GIT-1', '2024-01-01T00:00:00Z', '1.0.0')) as {
      affected: { ranges: unknown[] }[];
    };
    gitOnly.affected[0]!.ranges = [
      { type: 'GIT', repo: 'https://example.com/x.git', events: [{ introduced: '0' }] },
    ];
    writeFileSync(path, JSON.stringify(gitOnly));
    expect(await importOsv(db, path)).toMatchObject({ imported: 1, gitRangesSkipped: 1 });
    expect(db.match({ ecosystem: 'npm', name: 'left-pad', version: '0.1.0' })).toEqual({
      matches: [],
      notes: [{ code: 'git-only', advisoryId: 'OSV-GIT-1' }],
    });
  });

  it('fails with BERTH_FILE_NOT_FOUND for a missing source and BERTH_CONFIG for an unknown file type', async () => {
    await expect(importOsv(db, join(directory, 'nope'))).rejects.toMatchObject({
      code: 'BERTH_FILE_NOT_FOUND',
    });
    const text = join(directory, 'notes.txt');
    writeFileSync(text, 'hello');
    await expect(importOsv(db, text)).rejects.toBeInstanceOf(BerthError);
    await expect(importOsv(db, text)).rejects.toMatchObject({ code: 'BERTH_CONFIG' });
  });

  it('stops between batches when aborted, keeping what was written', async () => {
    const root = join(directory, 'many');
    mkdirSync(root);
    for (let i = 0; i < 20; i++)
      writeFileSync(join(root, `R-${i}.json`), npmRecord(`R-${i}`, '2024-01-01T00:00:00Z', '1.0.0'));
    const controller = new AbortController();
    const seen: ImportProgress[] = [];
    const run = importOsv(db, root, {
      batchSize: 5,
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p);
        controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([{ phase: 'import', source: root, files: 5, imported: 5, skipped: 0, invalid: 0 }]);
    expect(db.stats().advisories).toBe(5);
  });
});

describe('importOsv from a mirror over HTTP', () => {
  let server: Server;
  let base: string;
  const requests: { url: string; headers: IncomingHttpHeaders }[] = [];
  const archive = buildZip([
    { name: 'PYSEC-2021-335.yaml', data: corpusFile('pypi/accesscontrol/PYSEC-2021-335.yaml') },
  ]);

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push({ url: request.url ?? '', headers: request.headers });
      if (request.url !== '/PyPI/all.zip') {
        response.writeHead(404).end();
      } else if (request.headers['if-none-match'] === '"v1"') {
        response.writeHead(304).end();
      } else {
        response.writeHead(200, { etag: '"v1"', 'content-length': archive.length }).end(archive);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('downloads the export, then asks with If-None-Match and skips an unchanged one', async () => {
    const [url] = osvExportUrls(['PyPI'], base);
    expect(url).toBe(`${base}PyPI/all.zip`);
    const progress: ImportProgress[] = [];
    const report = await importOsv(db, url!, { onProgress: (p) => progress.push(p) });
    expect(report).toMatchObject({ files: 1, imported: 1, notModified: [] });
    expect(progress).toContainEqual(
      expect.objectContaining({ phase: 'download', bytes: archive.length, totalBytes: archive.length }),
    );
    expect(ids('accesscontrol', '4.1', 'PyPI')).toEqual(['PYSEC-2021-335']);

    const again = await importOsv(db, url!);
    expect(again).toMatchObject({ files: 0, imported: 0, notModified: [url] });
    expect(requests.at(-1)?.headers['if-none-match']).toBe('"v1"');
  });

  it('fails with BERTH_CONFIG naming the URL when the mirror answers 404', async () => {
    const [url] = osvExportUrls(['Debian'], base);
    await expect(importOsv(db, url!)).rejects.toMatchObject({
      code: 'BERTH_CONFIG',
      message: `cannot download OSV data from "${url}": the server answered HTTP 404`,
    });
  });

  it('encodes ecosystem names with spaces in the default osv.dev layout', () => {
    expect(osvExportUrls(['Rocky Linux'])).toEqual([
      'https://osv-vulnerabilities.storage.googleapis.com/Rocky%20Linux/all.zip',
    ]);
  });
});
