/** What a pure format parser returns: the value, or why the text is not valid. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };
