import { parse as parseYaml, type Tags } from 'yaml';
import type { z } from 'zod';
import { alpineSecdbToOsv, AlpineSecdbSchema, isAlpineSecdb } from './alpine-secdb.js';
import { OsvRecordSchema, type OsvRecord } from './osv-record-schema.js';

/** File names the importer reads: OSV JSON, the YAML variant (PyPI advisory database), secdb files. */
export function isRecordFile(name: string): boolean {
  return /\.(json|ya?ml)$/i.test(name);
}

export type ParsedDocument = { ok: true; records: OsvRecord[] } | { ok: false; error: string };

/**
 * Parses and validates one file. An OSV file holds one record; an Alpine secdb file (recognised by its
 * `distroversion` key) is converted to several, dated by `modifiedMs` (the file's time).
 * YAML numbers stay strings: the core schema would turn an unquoted `fixed: 1.10` into the number 1.1.
 * `null` values count as absent (`"withdrawn": null`, an empty YAML `aliases:`).
 */
export function parseOsvDocument(text: string, fileName: string, modifiedMs: number): ParsedDocument {
  let document: unknown;
  const yaml = /\.ya?ml$/i.test(fileName);
  try {
    document = dropNulls(yaml ? parseYaml(text, { customTags: withoutNumbers }) : JSON.parse(text));
  } catch (error) {
    return { ok: false, error: `not valid ${yaml ? 'YAML' : 'JSON'}: ${(error as Error).message}` };
  }
  if (isAlpineSecdb(document)) {
    const secdb = AlpineSecdbSchema.safeParse(document);
    if (!secdb.success)
      return { ok: false, error: `not a valid Alpine secdb file: ${describeIssues(secdb.error)}` };
    return { ok: true, records: alpineSecdbToOsv(secdb.data, new Date(modifiedMs).toISOString()) };
  }
  if (Array.isArray(document)) {
    return {
      ok: false,
      error: 'expected one OSV record (an object with "id" and "modified"), found an array',
    };
  }
  const record = OsvRecordSchema.safeParse(document);
  if (!record.success) return { ok: false, error: `not a valid OSV record: ${describeIssues(record.error)}` };
  return { ok: true, records: [record.data] };
}

/** The YAML 1.2 core tags minus int and float, so `1.10`, `0` and `1e3` resolve as strings. */
function withoutNumbers(tags: Tags): Tags {
  return tags.filter((tag) => typeof tag === 'string' || !/:(?:int|float)$/.test(tag.tag));
}

/** A copy without object members whose value is null (array items are kept). */
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) if (member !== null) out[key] = dropNulls(member);
  return out;
}

/** The first few zod issues as `path: message`, which is enough to find the fault in the file. */
function describeIssues(error: z.ZodError): string {
  const shown = error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  const more = error.issues.length - shown.length;
  return more > 0 ? `${shown.join('; ')} (and ${more} more)` : shown.join('; ');
}
