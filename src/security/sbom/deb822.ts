export interface StanzaOptions {
  /** Stop at the first blank line (a METADATA file's body follows it). */
  readonly firstOnly?: boolean;
  /**
   * Lower-cased names of the fields to keep. Others are skipped without building their values: a dpkg
   * status file is mostly multi-line `Description` and `Conffiles` fields that no analyser reads.
   */
  readonly fields?: ReadonlySet<string>;
}

/**
 * Splits RFC 822-style stanzas (Debian control files, deb822(5); Python core metadata) into field maps
 * keyed by lower-cased field name. Continuation lines (leading space or tab) extend the previous field.
 *
 * @example
 * parseStanzas('Package: a\nDescription: x\n more\n\nPackage: b\n', { fields: new Set(['package']) });
 * // [Map { 'package' => 'a' }, Map { 'package' => 'b' }]
 */
export function parseStanzas(text: string, options: StanzaOptions = {}): Map<string, string>[] {
  const stanzas: Map<string, string>[] = [];
  let current = new Map<string, string>();
  // The field continuation lines extend; `skipping` when that field is not kept.
  let lastKey: string | undefined;
  let skipping = false;
  // Lines are located by offset and sliced only when kept: a dpkg status file is ~25,000 lines, most of
  // them continuation lines of skipped fields (bench/scan.ts, issue 4).
  for (let start = 0; start <= text.length;) {
    const newline = text.indexOf('\n', start);
    let end = newline === -1 ? text.length : newline;
    const next = end + 1;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    if (isBlank(text, start, end)) {
      if (current.size > 0) {
        stanzas.push(current);
        if (options.firstOnly === true) return stanzas;
        current = new Map();
      }
      lastKey = undefined;
      skipping = false;
      start = next;
      continue;
    }
    const first = text.charCodeAt(start);
    if ((first === 0x20 || first === 0x09) && (lastKey !== undefined || skipping)) {
      if (lastKey !== undefined)
        current.set(lastKey, `${current.get(lastKey) ?? ''}\n${text.slice(start, end).trim()}`);
      start = next;
      continue;
    }
    const colon = text.indexOf(':', start);
    if (colon > start && colon < end) {
      const key = text.slice(start, colon).toLowerCase();
      // The first occurrence wins (METADATA repeats Classifier, Requires-Dist …).
      const keep = !current.has(key) && (options.fields === undefined || options.fields.has(key));
      lastKey = keep ? key : undefined;
      skipping = !keep;
      if (keep) current.set(key, text.slice(colon + 1, end).trim());
    }
    start = next;
  }
  if (current.size > 0) stanzas.push(current);
  return stanzas;
}

/** Whether `text[start, end)` is empty or white space only, as `String.prototype.trim` sees it. */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) continue;
    // Rare: other Unicode white space (no-break space …) decides through trim().
    return c > 0x7f && text.slice(i, end).trim() === '';
  }
  return true;
}
