import { existsSync } from 'node:fs';
import { Hono } from 'hono';
import { z } from 'zod';
import { BerthError } from '../../errors/index.js';
import {
  matchVulnerabilities,
  scanImage,
  sortFindings,
  summarize,
  type Finding,
} from '../../security/index.js';
import { toCycloneDx, toSpdx, type SbomDocumentMeta } from '../../security/formats/index.js';
import type { Sbom } from '../../security/sbom/index.js';
import { VulnDb } from '../../security/vulndb/index.js';
import type { StoredScan } from '../../store/index.js';
import type { ApiDeps } from '../api-deps.js';
import { parseBody } from '../parse-body.js';
import { parseQuery } from '../parse-query.js';

export const ScanRequestSchema = z.object({ image: z.string().min(1).max(512) }).strict();

/** `GET /scans/{imageId}?format=`: the report (default), or its SBOM as CycloneDX 1.6 or SPDX 2.3. */
export const ReportQuerySchema = z.object({ format: z.enum(['json', 'cyclonedx', 'spdx']).default('json') });

/** Newest `modified` in the vulnerability database: the version findings were matched against. */
function dbVersion(path: string): string | null {
  if (!existsSync(path)) return null;
  const db = new VulnDb(path);
  try {
    return db.stats().newestModified ?? null;
  } finally {
    db.close();
  }
}

const view = (scan: StoredScan, rematched: boolean): Record<string, unknown> => {
  const findings = scan.findings as Finding[];
  return {
    imageId: scan.imageId,
    reference: scan.reference,
    scannedAt: new Date(scan.scannedAt).toISOString(),
    matchedAt: new Date(scan.matchedAt).toISOString(),
    dbVersion: scan.dbVersion,
    rematched,
    summary: summarize(findings),
    packages: (scan.sbom as Sbom).packages.length,
    warnings: scan.warnings,
    findings,
  };
};

/**
 * Image scans by the daemon (issue 4): POST scans an image of the local engine and stores the report by
 * image id; GET re-matches the stored SBOM when the vulnerability database changed since, without
 * reading the image again.
 */
export function scanRoutes(deps: ApiDeps): Hono {
  const routes = new Hono();
  routes.post('/', async (c) => {
    const { image } = await parseBody(c, ScanRequestSchema);
    const found = await deps.engine.findImage(image);
    if (!found) {
      throw new BerthError('BERTH_IMAGE_NOT_FOUND', `image "${image}" is not on the engine`, {
        hint: 'Build, pull or load it first; the daemon scans local images only.',
      });
    }
    const result = await scanImage(
      { kind: 'engine', ref: found.id, dockerHost: deps.engine.dockerHost },
      deps.vulnDbPath,
    );
    const now = Date.now();
    const scan: StoredScan = {
      imageId: found.id,
      reference: image,
      scannedAt: now,
      matchedAt: now,
      dbVersion: dbVersion(deps.vulnDbPath),
      sbom: result.sbom,
      findings: sortFindings(result.findings),
      warnings: result.warnings,
    };
    deps.store.scans.save(scan);
    deps.logger.info({ image, imageId: found.id, findings: result.findings.length }, 'image scanned');
    return c.json(view(scan, false), 201);
  });

  routes.get('/', (c) =>
    c.json({
      // Every severity key, as in a report's summary; counts are of the stored findings.
      scans: deps.store.scans
        .list()
        .map((scan) => ({ ...scan, summary: { ...summarize([]), ...scan.summary } })),
    }),
  );

  routes.get('/:imageId', (c) => {
    const id = c.req.param('imageId');
    const stored = deps.store.scans.get(id) ?? deps.store.scans.get(`sha256:${id}`);
    if (!stored) {
      throw new BerthError('BERTH_IMAGE_NOT_FOUND', `no scan report for image "${id}"`, {
        hint: 'Scan it first: POST /api/v1/scans {"image": "REF"}.',
      });
    }
    const { format } = parseQuery(ReportQuerySchema, c.req.query(), 'scan report query');
    const version = dbVersion(deps.vulnDbPath);
    let current = stored;
    if (version !== stored.dbVersion) {
      const vulns = matchVulnerabilities(stored.sbom as Sbom, deps.vulnDbPath);
      const others = (stored.findings as Finding[]).filter((f) => f.kind !== 'vulnerability');
      current = {
        ...stored,
        matchedAt: Date.now(),
        dbVersion: version,
        findings: sortFindings([...vulns.findings, ...others]),
        warnings: vulns.warnings,
      };
      deps.store.scans.save(current);
    }
    if (format === 'json') return c.json(view(current, current !== stored));
    // The SBOM as a standard document (the same converters as `berth scan --format`), to download.
    const meta: SbomDocumentMeta = {
      toolVersion: deps.version,
      subject: { kind: 'image', name: current.reference },
      timestamp: new Date(current.scannedAt).toISOString(),
      findings: current.findings as Finding[],
    };
    const sbom = current.sbom as Sbom;
    const name = `${current.reference.replace(/[^A-Za-z0-9._-]+/g, '_')}.${format === 'cyclonedx' ? 'cdx' : 'spdx'}.json`;
    c.header('content-disposition', `attachment; filename="${name}"`);
    return c.json(format === 'cyclonedx' ? toCycloneDx(sbom, meta) : toSpdx(sbom, meta));
  });
  return routes;
}
