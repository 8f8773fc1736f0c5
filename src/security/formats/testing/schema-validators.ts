/**
 * Validates documents against the official JSON schemas, as shipped on npm (devDependencies):
 * - SARIF 2.1.0: `@microsoft/jest-sarif` ships `lib/schemas/sarif-2.1.0-rtm.5.json` (the OASIS 2.1.0 schema as
 *   published on SchemaStore; JSON Schema draft-04), checked with `ajv-draft-04` and `ajv-formats`.
 * - CycloneDX 1.6: `@cyclonedx/cyclonedx-library` ships `res/schema/bom-1.6.SNAPSHOT.schema.json` with the
 *   SPDX licence and JSF schemas it references, and validates with its own `Validation.JsonValidator`
 *   (peer dependencies `ajv`, `ajv-formats`, `ajv-formats-draft2019`).
 *
 * Loaded with `require` so the type check does not depend on test-only packages.
 */
import { createRequire } from 'node:module';

const requireFrom = createRequire(import.meta.url);

const devDependencies =
  'ajv ajv-formats ajv-formats-draft2019 ajv-draft-04 @cyclonedx/cyclonedx-library @microsoft/jest-sarif';

/** Loads a test-only package; a missing one fails the test with the install command, never skips it. */
function require(id: string): unknown {
  try {
    return requireFrom(id);
  } catch (cause) {
    throw new Error(
      `cannot load ${id} for schema validation; run: npm install --save-dev ${devDependencies}`,
      {
        cause,
      },
    );
  }
}

interface AjvError {
  instancePath: string;
  message?: string;
}
interface AjvInstance {
  compile(schema: object): { (data: unknown): boolean; errors?: AjvError[] | null };
}
type AjvConstructor = new (options: object) => AjvInstance;

/** The errors of `log` against the SARIF 2.1.0 schema, as `path: message` lines; empty when valid. */
export function sarifSchemaErrors(log: object): string[] {
  const Ajv = defaultExport<AjvConstructor>(require('ajv-draft-04'));
  const addFormats = defaultExport<(ajv: AjvInstance) => void>(require('ajv-formats'));
  const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
  // The schema's `language` pattern (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) has a stray `]` that is an
  // error only with the `u` flag, so patterns are compiled without it, as draft-04 validators do.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}

interface CycloneDxLibrary {
  Spec: { Version: { v1dot6: string } };
  Validation: {
    JsonValidator: new (version: string) => { validate(data: string): Promise<unknown> };
  };
}

/** The validation error of `bom` against the CycloneDX 1.6 JSON schema, or null when it is valid. */
export async function cycloneDxSchemaErrors(bom: object): Promise<unknown> {
  const { Spec, Validation } = require('@cyclonedx/cyclonedx-library') as CycloneDxLibrary;
  return new Validation.JsonValidator(Spec.Version.v1dot6).validate(JSON.stringify(bom));
}

/** CommonJS packages compiled from ESM expose their main export as `default`. */
function defaultExport<T>(mod: unknown): T {
  const m = mod as { default?: T };
  return m.default ?? (mod as T);
}
