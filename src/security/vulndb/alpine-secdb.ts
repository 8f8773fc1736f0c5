import { z } from 'zod';
import type { OsvAffected, OsvRecord } from './osv-record-schema.js';

/**
 * Alpine's security database (secdb.alpinelinux.org `v3.x/{main,community}.json`, and the older YAML in
 * alpinelinux/alpine-secdb) in the shape osv.dev publishes Alpine advisories: one record per fix id, one
 * `Alpine:v3.x` entry per origin package with the range `introduced 0, fixed <version>`. Trivy and Grype
 * read the same secfixes: the installed origin version is affected when it sorts before the fix.
 */
export const AlpineSecdbSchema = z.object({
  distroversion: z.string().regex(/^v\d+\.\d+$/, 'expected a branch such as "v3.18"'),
  reponame: z.string().optional(),
  // An empty `packages:` or `<version>:` is null in YAML; parseOsvDocument drops null members first.
  packages: z
    .array(
      z.object({
        pkg: z.object({
          name: z.string().min(1),
          secfixes: z.record(z.string(), z.array(z.string()).optional()).optional(),
        }),
      }),
    )
    .default([]),
});

export type AlpineSecdb = z.infer<typeof AlpineSecdbSchema>;

/** True when a parsed document looks like a secdb file rather than an OSV record. */
export function isAlpineSecdb(document: unknown): boolean {
  return (
    typeof document === 'object' && document !== null && 'distroversion' in document && !('id' in document)
  );
}

/**
 * Converts one secdb file. secdb has no timestamps, so `modified` (the file's modification time) stands in
 * for every record. A fixed version of `0` means "never affected in this branch" and yields no entry.
 * Ids such as `CVE-2017-8904 XSA-214` name one fix: the first token makes the id, all of them `upstream`.
 *
 * @example
 * alpineSecdbToOsv({ distroversion: 'v3.11', packages: [{ pkg: { name: 'ansible', secfixes: { '2.9.3-r0': ['CVE-2019-14904'] } } }] }, '2020-06-08T00:00:00Z');
 * // [{ id: 'ALPINE-CVE-2019-14904', affected: [{ package: { ecosystem: 'Alpine:v3.11', name: 'ansible' }, ranges: [...] }] ... }]
 */
export function alpineSecdbToOsv(secdb: AlpineSecdb, modified: string): OsvRecord[] {
  const ecosystem = `Alpine:${secdb.distroversion}`;
  const records = new Map<string, { upstream: Set<string>; affected: Map<string, OsvAffected> }>();
  for (const { pkg } of secdb.packages) {
    for (const [fixed, ids] of Object.entries(pkg.secfixes ?? {})) {
      if (fixed === '0') continue;
      for (const line of ids ?? []) {
        const tokens = line.split(/\s+/).filter((token) => token !== '');
        const [first] = tokens;
        if (first === undefined) continue;
        const id = `ALPINE-${first}`;
        let record = records.get(id);
        if (record === undefined) records.set(id, (record = { upstream: new Set(), affected: new Map() }));
        for (const token of tokens) record.upstream.add(token);
        let entry = record.affected.get(pkg.name);
        if (entry === undefined) {
          record.affected.set(pkg.name, (entry = { package: { ecosystem, name: pkg.name }, ranges: [] }));
        }
        entry.ranges?.push({ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] });
      }
    }
  }
  return [...records].map(([id, { upstream, affected }]) => ({
    id,
    modified,
    upstream: [...upstream],
    affected: [...affected.values()],
  }));
}
