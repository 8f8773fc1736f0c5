import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alpineSecdbToOsv } from './alpine-secdb.js';
import { importOsv, type ImportReport } from './import-osv.js';
import { OsvRecordSchema } from './osv-record-schema.js';
import { VulnDb } from './vuln-db.js';

describe('alpineSecdbToOsv', () => {
  const records = alpineSecdbToOsv(
    {
      distroversion: 'v3.9',
      packages: [
        {
          pkg: {
            name: 'xen',
            secfixes: { '4.7.1-r5': ['XSA-207', 'CVE-2017-2615 XSA-208'], '0': ['CVE-2020-1'] },
          },
        },
        {
          pkg: {
            name: 'curl',
            secfixes: { '7.61.0-r0': ['CVE-2018-1000300'], '7.64.0-r0': ['CVE-2018-1000300'] },
          },
        },
      ],
    },
    '2020-06-08T00:00:00.000Z',
  );

  it('makes one record per fix id, scoped to the branch, keyed by the origin package', () => {
    expect(records.map((r) => [r.id, r.upstream])).toEqual([
      ['ALPINE-XSA-207', ['XSA-207']],
      ['ALPINE-CVE-2017-2615', ['CVE-2017-2615', 'XSA-208']],
      ['ALPINE-CVE-2018-1000300', ['CVE-2018-1000300']],
    ]);
    expect(records[0]?.affected).toEqual([
      {
        package: { ecosystem: 'Alpine:v3.9', name: 'xen' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '4.7.1-r5' }] }],
      },
    ]);
  });

  it('skips fixed version "0" (not affected in this branch) and yields valid OSV records', () => {
    expect(records.some((r) => r.id === 'ALPINE-CVE-2020-1')).toBe(false);
    for (const record of records) expect(OsvRecordSchema.parse(record)).toEqual(record);
  });

  it('keeps both fixes when an id is listed under two versions of a package', () => {
    expect(records[2]?.affected?.[0]?.ranges?.map((r) => r.events.at(-1))).toEqual([
      { fixed: '7.61.0-r0' },
      { fixed: '7.64.0-r0' },
    ]);
  });
});

describe('importing shared/datasets/alpine-secdb-2020', () => {
  const secdb = new URL('../../../../shared/datasets/alpine-secdb-2020/', import.meta.url);
  const db = new VulnDb(':memory:');
  let report: ImportReport;
  beforeAll(async () => {
    report = await importOsv(db, secdb);
  }, 60_000);
  afterAll(() => db.close());

  it('converts all 18 branch files, empty ones included', () => {
    expect(report).toMatchObject({ files: 18, records: 11448, imported: 11448, invalid: [] });
    expect(db.stats()).toMatchObject({
      advisories: 2474,
      affected: { 'Alpine:v3.3': 461, 'Alpine:v3.11': 2066 },
    });
  });

  const libssl = (ecosystem: string, version: string) =>
    db
      .match({ ecosystem, name: 'libssl1.1', sourceName: 'openssl', version })
      .matches.map((m) => [m.advisory.id, m.fixed[0]])
      .sort();

  it('matches a subpackage by its origin with apk version order', () => {
    expect(libssl('Alpine:v3.11', '1.1.1d-r2')).toEqual([['ALPINE-CVE-2019-1551', '1.1.1d-r3']]);
    expect(libssl('Alpine:v3.11', '1.1.1d-r3')).toEqual([]);
  });

  it('answers per branch: the same version is fixed in v3.9 and affected in v3.11', () => {
    expect(libssl('Alpine:v3.9', '1.1.1d-r0')).toEqual([]);
    expect(libssl('Alpine:v3.11', '1.1.1d-r0')).toEqual([
      ['ALPINE-CVE-2019-1547', '1.1.1d-r1'],
      ['ALPINE-CVE-2019-1549', '1.1.1d-r1'],
      ['ALPINE-CVE-2019-1551', '1.1.1d-r3'],
      ['ALPINE-CVE-2019-1563', '1.1.1d-r1'],
    ]);
  });

  it('says when a branch is newer than the data', () => {
    expect(db.match({ ecosystem: 'Alpine:v3.20', name: 'openssl', version: '3.3.0-r0' }).notes).toEqual([
      {
        code: 'unknown-release',
        ecosystem: 'Alpine:v3.20',
        knownReleases: ['v3.10', 'v3.11', 'v3.3', 'v3.4', 'v3.5', 'v3.6', 'v3.7', 'v3.8', 'v3.9'],
      },
    ]);
  });
});
