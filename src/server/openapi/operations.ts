import {
  httpMethods,
  type HttpMethod,
  type Operation,
  type Parameter,
  type PathItem,
} from './operation-parts.js';

/** One operation of the document, with the path the server routes and every parameter that applies. */
export interface DocumentedOperation {
  method: HttpMethod;
  /** The key in `paths`, relative to its server. */
  path: string;
  /** The full path on the daemon, e.g. `/api/v1/apps/{app}` or `/hooks/{app}/{forge}`. */
  url: string;
  operation: Operation;
  /** Path-level and operation-level parameters together. */
  parameters: Parameter[];
}

/**
 * Every operation of a document. A path item's own `servers` (the webhook and Loki paths, which are
 * outside /api/v1) overrides the document's.
 *
 * @example
 * operationsOf(openApiDocument('1.0.0')).map((o) => `${o.method.toUpperCase()} ${o.url}`);
 */
export function operationsOf(doc: {
  servers: { url: string }[];
  paths: Record<string, PathItem>;
}): DocumentedOperation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) => {
    const base = (item.servers ?? doc.servers)[0]?.url ?? '/';
    const url = `${base.replace(/\/$/, '')}${path}`;
    return httpMethods.flatMap((method) => {
      const operation = item[method];
      if (!operation) return [];
      return [
        {
          method,
          path,
          url,
          operation,
          parameters: [...(item.parameters ?? []), ...(operation.parameters ?? [])],
        },
      ];
    });
  });
}
