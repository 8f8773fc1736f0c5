import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi/index.js';

/** Validates against the OpenAPI Initiative's JSON Schema for 3.1 documents, as shipped by the package. */
async function problemsOf(doc: object): Promise<unknown[]> {
  const result = await new Validator().validate(structuredClone(doc) as Record<string, unknown>);
  if (result.valid) return [];
  return Array.isArray(result.errors) ? result.errors : [result.errors];
}

describe('the OpenAPI document', () => {
  it('is valid against the OpenAPI 3.1 schema', async () => {
    expect(await problemsOf(openApiDocument('0.0.0-test'))).toEqual([]);
  });

  it('would be refused by the schema check with an answer that has no description', async () => {
    const doc = openApiDocument('0.0.0-test');
    const broken = { ...doc, paths: { ...doc.paths, '/broken': { get: { responses: { '200': {} } } } } };
    expect(await problemsOf(broken)).toContainEqual(
      expect.objectContaining({ instancePath: '/paths/~1broken/get/responses/200' }),
    );
  });
});
