import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOsv, type ImportReport } from './import-osv.js';
import { VulnDb } from './vuln-db.js';
import type { PackageQuery } from './advisory.js';

// The offline OSV corpus (shared/datasets/osv/README.md). A missing folder fails the import, never skips.
const corpus = new URL('../../../../shared/datasets/osv/', import.meta.url);
const directory = mkdtempSync(join(tmpdir(), 'berth-vulndb-corpus-'));
let db: VulnDb;
let first: ImportReport;
let second: ImportReport;

beforeAll(async () => {
  db = new VulnDb(join(directory, 'vulndb.sqlite'));
  first = await importOsv(db, corpus);
  second = await importOsv(db, corpus);
}, 120_000);

afterAll(() => {
  db?.close();
  rmSync(directory, { recursive: true, force: true });
});

const ids = (query: PackageQuery) =>
  db
    .match(query)
    .matches.map((m) => m.advisory.id)
    .sort();
const only = (query: PackageQuery, id: string) => db.match(query).matches.find((m) => m.advisory.id === id);

describe('importing shared/datasets/osv', () => {
  it('reads every record file and stores every valid record', () => {
    expect(first).toMatchObject({
      files: 9444,
      records: 9430,
      imported: 9430,
      skipped: 0,
      gitRangesSkipped: 1391,
    });
    expect(first.unsupportedEcosystems).toEqual({});
  });

  it('lists the 14 files that are not OSV records (tracker JSON, converter parts) by name', () => {
    expect(first.invalid).toHaveLength(14);
    const names = first.invalid.map((i) => i.file.slice(i.file.indexOf('debian-alpine-samples/')));
    expect(names).toContain('debian-alpine-samples/debian_security_tracker_mock.json');
    expect(names.filter((n) => n.includes('/vulnfeeds-parts/'))).toHaveLength(13);
    expect(first.invalid.find((i) => i.file.endsWith('CVE-2017-6507.debian.json'))?.error).toMatch(
      /found an array/,
    );
    expect(first.invalid.find((i) => i.file.endsWith('tracker_mock.json'))?.error).toMatch(
      /^not a valid OSV record: id:/,
    );
  });

  it('stores 9,421 advisories: Docker Hardened Images reuses 9 CVE ids across components', () => {
    expect(db.stats()).toEqual({
      advisories: 9421,
      withdrawn: 40,
      affected: {
        'AlmaLinux:10': 216,
        'AlmaLinux:8': 745,
        'AlmaLinux:9': 23051,
        DHI: 935,
        'Debian:7': 1,
        Go: 6125,
        PyPI: 2661,
      },
      newestModified: '2026-08-21T12:56:10Z',
    });
  });

  it('skips every record on a second import of the same files', () => {
    expect(second).toMatchObject({ files: 9444, records: 9430, imported: 0, skipped: 9430 });
  });

  it('warns when the newest advisory is older than the allowed age', () => {
    expect(db.ageWarning(new Date('2026-08-22T00:00:00Z'))).toBeUndefined();
    expect(db.ageWarning(new Date('2026-11-26T00:00:00Z'))).toBe(
      'vulnerability data is 96 days old (newest advisory modified 2026-08-21T12:56:10Z): findings may be missing; update the database when online',
    );
  });
});

describe('matching Go modules (golang/vulndb)', () => {
  it.each([
    ['2.2.3', ['GO-2020-0036', 'GO-2022-0956']],
    ['v2.2.3', ['GO-2020-0036', 'GO-2022-0956']],
    ['2.2.2', ['GO-2020-0036', 'GO-2021-0061', 'GO-2022-0956']],
    ['2.2.4', ['GO-2020-0036']],
    ['2.2.8', []],
    ['2.4.0', []],
  ])('gopkg.in/yaml.v2 %s is affected by %j (fixed versions are not)', (version, expected) => {
    expect(ids({ ecosystem: 'Go', name: 'gopkg.in/yaml.v2', version })).toEqual(expected);
  });

  it('reports the fix of the matched range', () => {
    const match = only({ ecosystem: 'Go', name: 'gopkg.in/yaml.v2', version: '2.2.3' }, 'GO-2022-0956');
    expect(match).toMatchObject({ matchedBy: 'range', fixed: ['2.2.4'], package: { ecosystem: 'Go' } });
    expect(match?.advisory.aliases).toEqual(['CVE-2022-3064', 'GHSA-6q6q-88xp-6f2r']);
  });

  it.each([
    ['go1.14.11', true],
    ['1.14.12', false],
    ['1.15.0', true],
    ['1.15.5', false],
    ['1.13.15', false],
  ])(
    'stdlib %s against GO-2021-0069 (introduced 1.14.0-0, fixed 1.14.12; 1.15.0-0 to 1.15.5): %s',
    (version, hit) => {
      expect(ids({ ecosystem: 'Go', name: 'stdlib', version }).includes('GO-2021-0069')).toBe(hit);
    },
  );

  it.each([
    ['0.7.1', false],
    ['0.7.2', true],
    ['1.0.0', true],
  ])('argoproj/gitops-engine %s against GO-2025-3437 (introduced 0.7.2, no fix): %s', (version, hit) => {
    const match = only(
      { ecosystem: 'Go', name: 'github.com/argoproj/gitops-engine', version },
      'GO-2025-3437',
    );
    expect(match !== undefined).toBe(hit);
    if (match) expect(match.fixed).toEqual([]);
  });

  it.each([
    ['0.26.9', false],
    ['0.27.0', true],
    ['0.29.4', true],
    ['0.29.5', false],
  ])('chainguard.dev/apko %s against GO-2025-3816 (introduced 0.27.0, fixed 0.29.5): %s', (version, hit) => {
    expect(ids({ ecosystem: 'Go', name: 'chainguard.dev/apko', version }).includes('GO-2025-3816')).toBe(hit);
  });

  it('never matches a withdrawn advisory, but keeps it', () => {
    expect(ids({ ecosystem: 'Go', name: 'github.com/gorilla/sessions', version: '1.2.1' })).toEqual([]);
    expect(db.advisory('GO-2024-2730')?.withdrawn).toBe('2024-04-17T18:06:23Z');
  });
});

describe('matching PyPI packages (pypa/advisory-database YAML)', () => {
  it.each([
    ['3.9', false, []],
    ['4.0', true, ['4.3', '5.2']],
    ['4.2', true, ['4.3', '5.2']],
    ['4.3', false, []],
    ['5.1', true, ['5.2']],
    ['5.2', false, []],
  ])('AccessControl %s against PYSEC-2021-335 (4.0-4.3, 5.0-5.2): %s', (version, hit, fixed) => {
    const match = only({ ecosystem: 'PyPI', name: 'AccessControl', version }, 'PYSEC-2021-335');
    expect(match !== undefined).toBe(hit);
    if (match) expect(match).toMatchObject({ fixed, package: { name: 'accesscontrol' } });
  });

  it('treats last_affected as inclusive (py, PYSEC-2022-42969)', () => {
    expect(ids({ ecosystem: 'PyPI', name: 'py', version: '1.11.0' })).toEqual(['PYSEC-2022-42969']);
    expect(
      only({ ecosystem: 'PyPI', name: 'py', version: '1.9.0' }, 'PYSEC-2022-42969')?.lastAffected,
    ).toEqual(['1.11.0']);
    expect(ids({ ecosystem: 'PyPI', name: 'py', version: '1.11.1' })).toEqual([]);
  });

  it('matches an explicit versions list (gratient 0.5, PYSEC-2024-1, no ranges)', () => {
    expect(only({ ecosystem: 'PyPI', name: 'gratient', version: '0.5' }, 'PYSEC-2024-1')?.matchedBy).toBe(
      'versions',
    );
    expect(ids({ ecosystem: 'PyPI', name: 'gratient', version: '0.4' })).toEqual([]);
  });

  it('never matches withdrawn PYSEC-2023-73 although its range covers every redis version', () => {
    expect(ids({ ecosystem: 'PyPI', name: 'redis', version: '4.5.3' })).not.toContain('PYSEC-2023-73');
  });

  it('carries the CVSS vector with its base score', () => {
    const match = only({ ecosystem: 'PyPI', name: 'apache-skywalking', version: '8.0.0' }, 'PYSEC-2020-342');
    expect(match?.severity).toEqual([
      {
        type: 'CVSS_V3',
        score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
        baseScore: 9.8,
        rating: 'CRITICAL',
      },
    ]);
  });
});

describe('matching AlmaLinux packages (rpm versions, per release)', () => {
  const openssl = { ecosystem: 'AlmaLinux:9', name: 'openssl-libs', sourceName: 'openssl' };

  it('matches only the advisory whose fix is newer than the installed epoch:version-release', () => {
    const { matches } = db.match({ ...openssl, version: '1:3.5.5-3.el9_8' });
    expect(matches.map((m) => [m.advisory.id, m.fixed, m.package.name])).toEqual([
      ['ALSA-2026:25239', ['1:3.5.5-4.el9_8'], 'openssl-libs'],
    ]);
    expect(ids({ ...openssl, version: '1:3.5.5-4.el9_8' })).toEqual([]);
  });

  it('finds entries by binary package name (AlmaLinux lists qatzip-devel) and by source name', () => {
    expect(ids({ ecosystem: 'AlmaLinux:9', name: 'qatzip-devel', version: '1.0.8-1.el9' })).toEqual([
      'ALBA-2022:8256',
    ]);
    const viaSource = db.match({
      ecosystem: 'AlmaLinux:9',
      name: 'qatzip-other',
      sourceName: 'qatzip',
      version: '1.0.8-1.el9',
    });
    expect(viaSource.matches.map((m) => [m.advisory.id, m.via])).toEqual([['ALBA-2022:8256', 'source']]);
    expect(ids({ ecosystem: 'AlmaLinux:9', name: 'qatzip', version: '1.0.9-1.el9' })).toEqual([]);
  });

  it('does not match advisories of another release', () => {
    expect(db.match({ ecosystem: 'AlmaLinux:8', name: 'qatzip', version: '1.0.8-1.el9' })).toEqual({
      matches: [],
      notes: [],
    });
    expect(db.match({ ecosystem: 'AlmaLinux:7', name: 'qatzip', version: '1.0.8-1.el9' }).notes).toEqual([
      { code: 'unknown-release', ecosystem: 'AlmaLinux:7', knownReleases: ['10', '8', '9'] },
    ]);
  });
});

describe('matching Debian packages (DSA-3029-1, nginx in Debian 7)', () => {
  const nginxFull = { ecosystem: 'Debian:7', name: 'nginx-full', sourceName: 'nginx' };

  it('matches a binary package through its source package', () => {
    const { matches } = db.match({ ...nginxFull, version: '1.2.1-2.2+wheezy2' });
    expect(matches.map((m) => [m.advisory.id, m.via, m.fixed, m.package])).toEqual([
      ['DSA-3029-1', 'source', ['1.2.1-2.2+wheezy3'], { ecosystem: 'Debian:7', name: 'nginx' }],
    ]);
    expect(matches[0]?.advisory.aliases).toEqual(['CVE-2014-3616']);
  });

  it('compares the source version when a binNMU gives the binary its own', () => {
    expect(
      ids({ ...nginxFull, version: '1.2.1-2.2+wheezy3+b1', sourceVersion: '1.2.1-2.2+wheezy2' }),
    ).toEqual(['DSA-3029-1']);
  });

  it.each([['1.2.1-2.2+wheezy3'], ['1.2.1-2.2+wheezy4'], ['1.4.0-1']])(
    'does not match the fixed or a later version %s',
    (version) => {
      expect(ids({ ...nginxFull, version })).toEqual([]);
    },
  );

  it('does not key OS advisories by the binary name', () => {
    expect(ids({ ecosystem: 'Debian:7', name: 'nginx-full', version: '1.2.1-2.2+wheezy2' })).toEqual([]);
  });

  it('does not match Debian 8 and says the release is not in the database', () => {
    expect(db.match({ ...nginxFull, ecosystem: 'Debian:8', version: '1.2.1-2.2+wheezy2' })).toEqual({
      matches: [],
      notes: [{ code: 'unknown-release', ecosystem: 'Debian:8', knownReleases: ['7'] }],
    });
  });

  it('keeps an advisory without affected entries (DLA-3623-1) with its upstream ids', () => {
    expect(db.advisory('DLA-3623-1')?.upstream).toHaveLength(44);
  });
});

describe('matching Docker Hardened Images components (SEMVER, several intervals)', () => {
  it.each([
    ['3.0.3', true, ['3.0.3', '3.1.2', '3.2.1']],
    ['3.0.4', false, []],
    ['3.1.1', true, ['3.1.2', '3.2.1']],
    ['3.1.2', true, ['3.1.2', '3.2.1']],
    ['3.1.3', false, []],
    ['3.2.1', true, ['3.2.1']],
    ['3.2.2', false, []],
  ])(
    'spark %s against CVE-2022-33891 (last_affected 3.0.3, 3.1.2, 3.2.1): %s',
    (version, hit, lastAffected) => {
      const match = only({ ecosystem: 'DHI', name: 'spark', version }, 'CVE-2022-33891');
      expect(match !== undefined).toBe(hit);
      if (match) expect(match.lastAffected).toEqual(lastAffected);
    },
  );

  it('matches the versions list of a range with no events (spark CVE-2017-12612)', () => {
    expect(only({ ecosystem: 'DHI', name: 'spark', version: '2.0.1' }, 'CVE-2017-12612')?.matchedBy).toBe(
      'versions',
    );
    expect(only({ ecosystem: 'DHI', name: 'spark', version: '2.2.0' }, 'CVE-2017-12612')).toBeUndefined();
  });

  it('keeps each component of a CVE id published once per component', () => {
    expect(only({ ecosystem: 'DHI', name: 'node', version: '20.8.0' }, 'CVE-2023-44487')?.fixed).toEqual([
      '20.8.1',
    ]);
    expect(only({ ecosystem: 'DHI', name: 'envoy', version: '1.27.1' }, 'CVE-2023-44487')?.fixed).toEqual([
      '1.27.2',
    ]);
    expect(
      only({ ecosystem: 'DHI', name: 'aspnetcore', version: '6.0.23' }, 'CVE-2023-44487')?.fixed,
    ).toEqual(['6.0.24']);
    expect(only({ ecosystem: 'DHI', name: 'node', version: '20.8.1' }, 'CVE-2023-44487')).toBeUndefined();
  });

  it('prefers the entry severity and keeps database_specific.severity', () => {
    const match = only({ ecosystem: 'DHI', name: 'python', version: '3.9.2' }, 'CVE-2021-4189');
    expect(match?.severity).toEqual([
      {
        type: 'CVSS_V3',
        score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N',
        baseScore: 5.3,
        rating: 'MEDIUM',
      },
    ]);
    expect(match?.advisory.databaseSeverity).toBe('Medium');
  });
});

describe('coverage notes', () => {
  it('counts unsupported ecosystems and ecosystems without data', () => {
    const { results, noteCounts } = db.matchAll([
      { ecosystem: 'Linux', name: 'Kernel', version: '6.1.0' },
      { ecosystem: 'npm', name: 'lodash', version: '4.17.15' },
      { ecosystem: 'Go', name: 'gopkg.in/yaml.v2', version: '2.2.3' },
    ]);
    expect(results.map((r) => r.matches.length)).toEqual([0, 0, 2]);
    expect(results[0]?.notes).toEqual([{ code: 'unsupported-ecosystem', ecosystem: 'Linux' }]);
    expect(noteCounts).toEqual({ 'unsupported-ecosystem': 1, 'no-data': 1 });
  });
});
