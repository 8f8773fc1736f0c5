import { z } from 'zod';
import type { Role } from '../../store/index.js';

/**
 * The least a caller needs for an operation: a role (checked by `authorize`), nothing (`public`), or a
 * forge's signature on the body (`signature`, the webhooks).
 */
export type BerthRole = Role | 'public' | 'signature';

/** A plain JSON value of the document (schemas, examples); served as-is. */
export type Json = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  description?: string;
  schema: Json;
  /** Path parameters: the value the OpenAPI walk test sends. */
  example?: string | number;
}

export interface Operation {
  summary: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: Json;
  responses: Record<string, Json>;
  /** `[]` for the operations answered without a bearer token. */
  security?: Json[];
  'x-berth-role'?: BerthRole;
}

export const httpMethods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
export type HttpMethod = (typeof httpMethods)[number];

export type PathItem = { servers?: { url: string }[]; parameters?: Parameter[] } & Partial<
  Record<HttpMethod, Operation>
>;

/** One area of the API (apps, logs, ...): its paths and the request schemas they refer to. */
export interface ApiArea {
  paths: Record<string, PathItem>;
  schemas: Record<string, Json>;
}

/** A zod schema as JSON Schema of what a client sends (defaults make fields optional). */
export function fromZod(schema: z.ZodType): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input' });
  return rest;
}

const schemaRef = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });

/** A JSON request body of a component schema, with an example that the tests validate and send. */
export function jsonBody(schema: string, example: unknown, required = true): Json {
  return { required, content: { 'application/json': { schema: schemaRef(schema), example } } };
}

type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';

/** A JSON answer; `fields` names its top-level properties (deeper shapes are in docs/api.md). */
export function json(description: string, fields: Record<string, FieldType> = {}): Json {
  const properties = Object.fromEntries(Object.entries(fields).map(([k, type]) => [k, { type }]));
  return { description, content: { 'application/json': { schema: { type: 'object', properties } } } };
}

export function stream(description: string, type: 'application/x-ndjson' | 'text/event-stream'): Json {
  return { description, content: { [type]: { schema: { type: 'string' } } } };
}

/** Error answers, shared through `components.responses`. */
/** A `{events: [...]}` JSON answer that streams as Server-Sent Events with `follow=1` (live views). */
export function eventsOrStream(description: string): Json {
  return {
    description,
    content: {
      'application/json': { schema: { type: 'object', properties: { events: { type: 'array' } } } },
      'text/event-stream': { schema: { type: 'string' } },
    },
  };
}

export const errorResponses = {
  '401': 'Unauthorized',
  '403': 'Forbidden',
  '404': 'NotFound',
  '409': 'Conflict',
  '413': 'PayloadTooLarge',
  '422': 'Invalid',
  '503': 'Unavailable',
} as const;

/** References to the shared error answers for these statuses. */
export function errors(...statuses: (keyof typeof errorResponses)[]): Record<string, Json> {
  return Object.fromEntries(
    statuses.map((s) => [s, { $ref: `#/components/responses/${errorResponses[s]}` }]),
  );
}

export function pathParam(
  name: string,
  description: string,
  example: string | number,
  schema: Json = { type: 'string' },
): Parameter {
  return { name, in: 'path', required: true, description, schema, example };
}

export function queryParam(name: string, description: string, schema: Json): Parameter {
  return { name, in: 'query', description, schema };
}

/** The query parameters a route validates with `schema` (a zod object), described one by one. */
export function queryParams(schema: z.ZodType, descriptions: Record<string, string> = {}): Parameter[] {
  const json = fromZod(schema) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query' as const,
    ...(json.required?.includes(name) ? { required: true } : {}),
    ...(descriptions[name] === undefined ? {} : { description: descriptions[name] }),
    schema: property,
  }));
}

export const appParam = pathParam('app', 'App name', 'shop');
