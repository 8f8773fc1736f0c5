/**
 * A structural check of SPDX 2.3 JSON documents, written from the specification (spdx.github.io/spdx-spec/v2.3)
 * because no npm package ships the official SPDX 2.3 JSON schema (spdx/spdx-spec `schemas/`): NOT the official
 * schema. It checks what SPDX 2.3 makes mandatory and the formats of the fields Berth writes:
 * - document creation information (§6): spdxVersion, dataLicense CC0-1.0, SPDXID SPDXRef-DOCUMENT, name,
 *   documentNamespace (an absolute URI without `#`), creationInfo.created (`YYYY-MM-DDThh:mm:ssZ`) and
 *   creators (`Person: `, `Organization: ` or `Tool: `);
 * - packages (§7): SPDXID (`SPDXRef-` + letters, digits, `.`, `-`; unique), name, downloadLocation
 *   (NONE, NOASSERTION or a URI), packageVerificationCode unless filesAnalyzed is false (§7.8, §7.9),
 *   primaryPackagePurpose from §7.24, externalRefs categories (§7.21) with purls per Annex F;
 * - relationships (§11): types from §11.1, both ends naming an element of the document (or NONE,
 *   NOASSERTION), and the document describing something (a DESCRIBES relationship or `documentDescribes`).
 *
 * Validated with ajv's JSON Schema 2020-12 dialect (a devDependency), plus the cross-references a schema
 * cannot express.
 */
import { createRequire } from 'node:module';

const requireFrom = createRequire(import.meta.url);

const spdxId = '^SPDXRef-[A-Za-z0-9.-]+$';

const purposes = [
  'APPLICATION',
  'FRAMEWORK',
  'LIBRARY',
  'CONTAINER',
  'OPERATING-SYSTEM',
  'DEVICE',
  'FIRMWARE',
  'SOURCE',
  'ARCHIVE',
  'FILE',
  'INSTALL',
  'OTHER',
];

/** SPDX 2.3 §11.1 relationship types. */
export const spdxRelationshipTypes = (
  'DESCRIBES DESCRIBED_BY CONTAINS CONTAINED_BY DEPENDS_ON DEPENDENCY_OF DEPENDENCY_MANIFEST_OF ' +
  'BUILD_DEPENDENCY_OF DEV_DEPENDENCY_OF OPTIONAL_DEPENDENCY_OF PROVIDED_DEPENDENCY_OF TEST_DEPENDENCY_OF ' +
  'RUNTIME_DEPENDENCY_OF EXAMPLE_OF GENERATES GENERATED_FROM ANCESTOR_OF DESCENDANT_OF VARIANT_OF ' +
  'DISTRIBUTION_ARTIFACT PATCH_FOR PATCH_APPLIED COPY_OF FILE_ADDED FILE_DELETED FILE_MODIFIED ' +
  'EXPANDED_FROM_ARCHIVE DYNAMIC_LINK STATIC_LINK DATA_FILE_OF TEST_CASE_OF BUILD_TOOL_OF DEV_TOOL_OF TEST_OF ' +
  'TEST_TOOL_OF DOCUMENTATION_OF OPTIONAL_COMPONENT_OF METAFILE_OF PACKAGE_OF AMENDS PREREQUISITE_FOR ' +
  'HAS_PREREQUISITE REQUIREMENT_DESCRIPTION_FOR SPECIFICATION_FOR OTHER'
).split(' ');

const nonEmpty = { type: 'string', minLength: 1 };

/** Berth's schema of the SPDX 2.3 structure (JSON Schema 2020-12). */
export const spdx23StructureSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['spdxVersion', 'dataLicense', 'SPDXID', 'name', 'documentNamespace', 'creationInfo'],
  properties: {
    spdxVersion: { const: 'SPDX-2.3' },
    dataLicense: { const: 'CC0-1.0' },
    SPDXID: { const: 'SPDXRef-DOCUMENT' },
    name: nonEmpty,
    documentNamespace: { type: 'string', format: 'uri', pattern: '^[a-zA-Z][a-zA-Z0-9+.-]*://[^#]+$' },
    creationInfo: {
      type: 'object',
      required: ['created', 'creators'],
      properties: {
        created: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$' },
        creators: {
          type: 'array',
          minItems: 1,
          items: { type: 'string', pattern: '^(Person|Organization|Tool): \\S' },
        },
      },
    },
    packages: {
      type: 'array',
      items: {
        type: 'object',
        required: ['SPDXID', 'name', 'downloadLocation'],
        properties: {
          SPDXID: { type: 'string', pattern: spdxId },
          name: nonEmpty,
          versionInfo: { type: 'string' },
          downloadLocation: {
            anyOf: [
              { enum: ['NONE', 'NOASSERTION'] },
              { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9+.-]*[:+]' },
            ],
          },
          filesAnalyzed: { type: 'boolean' },
          primaryPackagePurpose: { enum: purposes },
          externalRefs: {
            type: 'array',
            items: {
              type: 'object',
              required: ['referenceCategory', 'referenceType', 'referenceLocator'],
              properties: {
                referenceCategory: {
                  enum: ['SECURITY', 'PACKAGE-MANAGER', 'PACKAGE_MANAGER', 'PERSISTENT-ID', 'OTHER'],
                },
                referenceType: nonEmpty,
                referenceLocator: { type: 'string', pattern: '^\\S+$' },
              },
              // Annex F: a purl locator is `pkg:type/…` (purl-spec), never with white space.
              if: { properties: { referenceType: { const: 'purl' } } },
              then: {
                properties: { referenceLocator: { pattern: '^pkg:[a-zA-Z.+-][a-zA-Z0-9.+-]*/[^\\s]+$' } },
              },
            },
          },
        },
        // §7.9: the verification code is mandatory unless filesAnalyzed is false (it defaults to true).
        if: { not: { properties: { filesAnalyzed: { const: false } }, required: ['filesAnalyzed'] } },
        then: { required: ['packageVerificationCode'] },
      },
    },
    relationships: {
      type: 'array',
      items: {
        type: 'object',
        required: ['spdxElementId', 'relationshipType', 'relatedSpdxElement'],
        properties: {
          spdxElementId: { type: 'string', pattern: spdxId },
          relationshipType: { enum: spdxRelationshipTypes },
          relatedSpdxElement: {
            anyOf: [{ type: 'string', pattern: spdxId }, { enum: ['NONE', 'NOASSERTION'] }],
          },
        },
      },
    },
  },
} as const;

interface AjvError {
  instancePath: string;
  message?: string;
}
type Validate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
type AjvConstructor = new (options: object) => { compile(schema: object): Validate };

interface SpdxShape {
  SPDXID?: unknown;
  documentDescribes?: unknown[];
  packages?: { SPDXID?: unknown }[];
  relationships?: { spdxElementId?: unknown; relationshipType?: unknown; relatedSpdxElement?: unknown }[];
}

/**
 * The problems of `doc` as an SPDX 2.3 JSON document by {@link spdx23StructureSchema} and the spec's
 * cross-references, as `path: message` lines; empty when none.
 */
export function spdxStructureErrors(doc: object): string[] {
  const loaded = requireFrom('ajv/dist/2020') as { default?: AjvConstructor };
  const Ajv2020 = loaded.default ?? (loaded as unknown as AjvConstructor);
  const formats = requireFrom('ajv-formats') as { default?: (ajv: object) => void };
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  (formats.default ?? (formats as unknown as (ajv: object) => void))(ajv);
  const validate = ajv.compile(spdx23StructureSchema);
  const errors = validate(doc)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);

  const shape = doc as SpdxShape;
  const ids = new Set<unknown>([shape.SPDXID]);
  for (const [i, pkg] of (shape.packages ?? []).entries()) {
    if (ids.has(pkg.SPDXID)) errors.push(`/packages/${i}/SPDXID: ${String(pkg.SPDXID)} is not unique`);
    ids.add(pkg.SPDXID);
  }
  for (const [i, rel] of (shape.relationships ?? []).entries()) {
    if (!ids.has(rel.spdxElementId)) errors.push(`/relationships/${i}/spdxElementId: no such element`);
    const related = rel.relatedSpdxElement;
    if (related !== 'NONE' && related !== 'NOASSERTION' && !ids.has(related))
      errors.push(`/relationships/${i}/relatedSpdxElement: no such element`);
  }
  const describes =
    (shape.documentDescribes ?? []).length > 0 ||
    (shape.relationships ?? []).some(
      (rel) => rel.spdxElementId === 'SPDXRef-DOCUMENT' && rel.relationshipType === 'DESCRIBES',
    );
  if (!describes) errors.push('/relationships: the document DESCRIBES nothing');
  return errors;
}
