/**
 * Request headers as the server sees them: a fetch `Headers` (Hono) or Node's `IncomingHttpHeaders`
 * (lower-case names; a repeated header is an array).
 */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Every value of header `name` (case-insensitive); `Headers` joins repeats with ", " into one value. */
export function headerValues(headers: WebhookHeaders, name: string): string[] {
  const lower = name.toLowerCase();
  if (headers instanceof Headers) {
    const value = headers.get(lower);
    return value === null ? [] : [value];
  }
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== lower || value === undefined) continue;
    if (typeof value === 'string') values.push(value);
    else values.push(...value);
  }
  return values;
}

/** The first non-empty value among the headers `names`, trimmed, or undefined. */
export function firstHeader(headers: WebhookHeaders, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = headerValues(headers, name)[0]?.trim();
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}
