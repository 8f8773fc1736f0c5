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
import type { Sbom } from '../../security/sbom/index.js';
import { VulnDb } from '../../security/vulndb/index.js';
import type { StoredScan } from '../../store/index.js';
import type { ApiDeps } from '../api-deps.js';
import { parseBody } from '../parse-body.js';

const ScanRequestSchema = z.object({ image: z.string().min(1).max(512) }).strict();

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

  routes.get('/', (c) => c.json({ scans: deps.store.scans.list() }));

  routes.get('/:imageId', (c) => {
    const id = c.req.param('imageId');
    const stored = deps.store.scans.get(id) ?? deps.store.scans.get(`sha256:${id}`);
    if (!stored) {
      throw new BerthError('BERTH_IMAGE_NOT_FOUND', `no scan report for image "${id}"`, {
        hint: 'Scan it first: POST /api/v1/scans {"image": "REF"}.',
      });
    }
    const version = dbVersion(deps.vulnDbPath);
    if (version === stored.dbVersion) return c.json(view(stored, false));
    const sbom = stored.sbom as Sbom;
    const vulns = matchVulnerabilities(sbom, deps.vulnDbPath);
    const others = (stored.findings as Finding[]).filter((f) => f.kind !== 'vulnerability');
    const rematched: StoredScan = {
      ...stored,
      matchedAt: Date.now(),
      dbVersion: version,
      findings: sortFindings([...vulns.findings, ...others]),
      warnings: vulns.warnings,
    };
    deps.store.scans.save(rematched);
    return c.json(view(rematched, true));
  });
  return routes;
}
