import type { DocumentedOperation } from './operations.js';

/** An operation as a concrete call: path parameters filled in and the JSON body, from the document's examples. */
export interface ExampleRequest {
  method: string;
  /** The path on the daemon, e.g. `/api/v1/apps/shop/scale`. */
  path: string;
  /** The example JSON body, when the operation takes one. */
  body?: unknown;
}

/**
 * Builds the call an operation's examples describe (what the OpenAPI walk test sends). Throws, naming
 * the operation, when a path parameter or a JSON body has no example.
 *
 * @example
 * exampleRequest(op); // { method: 'POST', path: '/api/v1/apps/shop/scale', body: { replicas: { web: 3 } } }
 */
export function exampleRequest({ method, url, operation, parameters }: DocumentedOperation): ExampleRequest {
  const name = `${method.toUpperCase()} ${url}`;
  const path = url.replace(/\{([^}]+)\}/g, (_whole, param: string) => {
    const example = parameters.find((p) => p.in === 'path' && p.name === param)?.example;
    if (example === undefined) throw new Error(`${name}: path parameter "${param}" has no example`);
    return encodeURIComponent(String(example));
  });
  const content = operation.requestBody?.['content'] as Record<string, { example?: unknown }> | undefined;
  const json = content?.['application/json'];
  if (json !== undefined && json.example === undefined)
    throw new Error(`${name}: the JSON body has no example`);
  return { method: method.toUpperCase(), path, ...(json === undefined ? {} : { body: json.example }) };
}
