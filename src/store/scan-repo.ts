import type { Db } from './open-store.js';

/** A stored image scan: the SBOM and the findings as of the vulnerability data `dbVersion`. */
export interface StoredScan {
  imageId: string;
  reference: string;
  scannedAt: number;
  matchedAt: number;
  /** Newest `modified` of the vulnerability database the findings were matched against. */
  dbVersion: string | null;
  sbom: unknown;
  findings: unknown[];
  warnings: string[];
}

interface ScanRow {
  image_id: string;
  reference: string;
  scanned_at: number;
  matched_at: number;
  db_version: string | null;
  sbom: string;
  findings: string;
  warnings: string;
}

const toScan = (row: ScanRow): StoredScan => ({
  imageId: row.image_id,
  reference: row.reference,
  scannedAt: row.scanned_at,
  matchedAt: row.matched_at,
  dbVersion: row.db_version,
  sbom: JSON.parse(row.sbom) as unknown,
  findings: JSON.parse(row.findings) as unknown[],
  warnings: JSON.parse(row.warnings) as string[],
});

/** Scan reports per image id (one row per image: a new scan replaces the old one). */
export class ScanRepo {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  save(scan: StoredScan): void {
    this.#db
      .prepare(
        `INSERT INTO scan_reports (image_id, reference, scanned_at, matched_at, db_version, sbom, findings, warnings)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(image_id) DO UPDATE SET reference = excluded.reference, scanned_at = excluded.scanned_at,
           matched_at = excluded.matched_at, db_version = excluded.db_version, sbom = excluded.sbom,
           findings = excluded.findings, warnings = excluded.warnings`,
      )
      .run(
        scan.imageId,
        scan.reference,
        scan.scannedAt,
        scan.matchedAt,
        scan.dbVersion,
        JSON.stringify(scan.sbom),
        JSON.stringify(scan.findings),
        JSON.stringify(scan.warnings),
      );
  }

  get(imageId: string): StoredScan | undefined {
    const row = this.#db.prepare('SELECT * FROM scan_reports WHERE image_id = ?').get(imageId) as
      ScanRow | undefined;
    return row ? toScan(row) : undefined;
  }

  /**
   * Every report without its SBOM and findings, newest first, with the number of findings per severity
   * (`summary`, counted by SQLite so the SBOMs are never read).
   */
  list(): (Omit<StoredScan, 'sbom' | 'findings'> & { summary: Record<string, number> })[] {
    const rows = this.#db
      .prepare(
        `SELECT image_id, reference, scanned_at, matched_at, db_version, warnings,
           (SELECT json_group_object(severity, n) FROM (
              SELECT json_extract(value, '$.severity') AS severity, COUNT(*) AS n
              FROM json_each(scan_reports.findings) GROUP BY severity)) AS summary
         FROM scan_reports ORDER BY scanned_at DESC`,
      )
      .all() as (Omit<ScanRow, 'sbom' | 'findings'> & { summary: string | null })[];
    return rows.map((row) => ({
      imageId: row.image_id,
      reference: row.reference,
      scannedAt: row.scanned_at,
      matchedAt: row.matched_at,
      dbVersion: row.db_version,
      warnings: JSON.parse(row.warnings) as string[],
      summary: JSON.parse(row.summary ?? '{}') as Record<string, number>,
    }));
  }
}
