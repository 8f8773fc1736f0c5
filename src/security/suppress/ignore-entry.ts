import { z } from 'zod';

/**
 * One `.berthignore` entry as written (README.md in this folder). `reason` and `expires` are required so
 * that every suppression is explained and reviewed again.
 */
export const IgnoreEntrySchema = z.strictObject({
  id: z.string().trim().min(1),
  paths: z
    .union([
      z
        .string()
        .min(1)
        .transform((p) => [p]),
      z.array(z.string().min(1)),
    ])
    .optional(),
  package: z.string().trim().min(1).optional(),
  reason: z.string().trim().min(1),
  // `2026-12-31` (valid through that day, UTC) or an RFC 3339 date-time.
  expires: z.union([z.iso.date(), z.iso.datetime({ offset: true })]),
});

export interface IgnoreEntry {
  /** Rule or advisory id; `*` matches any run of characters. */
  readonly id: string;
  /** Globs over `finding.location.file`; when set, only findings in those files are suppressed. */
  readonly paths?: readonly string[];
  /** A purl (`pkg:deb/debian/openssl`, any version unless given) or a package name (glob) of `finding.resource`. */
  readonly package?: string;
  readonly reason: string;
  /** As written: `YYYY-MM-DD` or a date-time. */
  readonly expires: string;
  /** The first instant at which the entry no longer applies. */
  readonly expiresAt: Date;
  /** Where the entry was declared, for warnings and the `by` of a suppression. */
  readonly source: { readonly file: string; readonly line: number };
}

/** The end of the expiry day (UTC) for a date, the instant itself for a date-time. */
export function expiryInstant(expires: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(expires)) {
    const day = new Date(`${expires}T00:00:00Z`);
    return new Date(day.getTime() + 24 * 60 * 60 * 1000);
  }
  return new Date(expires);
}
