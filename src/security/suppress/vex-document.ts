import { z } from 'zod';

/** OpenVEX 0.2.0 statuses (github.com/openvex/spec OPENVEX-SPEC.md "Status Labels"). */
export const vexStatuses = ['not_affected', 'affected', 'fixed', 'under_investigation'] as const;
export type VexStatus = (typeof vexStatuses)[number];

/** The statuses that mean a finding does not apply to the product, so it is suppressed. */
export const suppressingStatuses: ReadonlySet<VexStatus> = new Set(['not_affected', 'fixed']);

/** OpenVEX 0.2.0 "Status Justifications". */
export const vexJustifications = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_not_in_execute_path',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'inline_mitigations_already_exist',
] as const;

const ProductSchema = z.object({
  '@id': z.string().min(1).optional(),
  identifiers: z.object({ purl: z.string().optional() }).loose().optional(),
  subcomponents: z
    .array(
      z.object({
        '@id': z.string().min(1).optional(),
        identifiers: z.object({ purl: z.string().optional() }).loose().optional(),
      }),
    )
    .optional(),
});

const StatementSchema = z
  .object({
    '@id': z.string().optional(),
    vulnerability: z.object({
      '@id': z.string().optional(),
      name: z.string().min(1),
      aliases: z.array(z.string()).optional(),
    }),
    timestamp: z.iso.datetime({ offset: true }).optional(),
    products: z.array(ProductSchema).optional(),
    status: z.enum(vexStatuses),
    justification: z.enum(vexJustifications).optional(),
    impact_statement: z.string().optional(),
    action_statement: z.string().optional(),
    status_notes: z.string().optional(),
  })
  .refine(
    (s) => s.status !== 'not_affected' || s.justification !== undefined || s.impact_statement !== undefined,
    {
      // OPENVEX-SPEC.md "Statement": a not_affected statement MUST carry a justification or an impact statement.
      message: 'a not_affected statement needs a `justification` (or an `impact_statement`)',
      path: ['justification'],
    },
  );

/** An OpenVEX 0.2.0 document, with the fields suppression reads (unknown fields are allowed, as the spec says). */
export const OpenVexDocumentSchema = z.object({
  '@context': z.string().startsWith('https://openvex.dev/ns'),
  '@id': z.string().optional(),
  author: z.string().optional(),
  timestamp: z.iso.datetime({ offset: true }).optional(),
  version: z.number().int().optional(),
  statements: z.array(StatementSchema),
});

export interface VexProduct {
  /** The product's purl (`@id` or `identifiers.purl`). */
  readonly purl: string;
  /** Purls of the product's components the statement is about; empty when it is about the whole product. */
  readonly subcomponents: readonly string[];
}

export interface VexStatement {
  readonly id: string | undefined;
  /** The vulnerability's `name`, `@id` and `aliases`, any of which a finding id may equal. */
  readonly vulnerabilityIds: readonly string[];
  readonly products: readonly VexProduct[];
  readonly status: VexStatus;
  readonly justification: string | undefined;
  /** The statement's timestamp, else the document's: the latest statement about a finding wins. */
  readonly timestamp: string | undefined;
}

export interface VexDocument {
  /** Where the document came from (a file name), for the `by` of a suppression. */
  readonly source: string;
  readonly id: string | undefined;
  readonly statements: readonly VexStatement[];
}
