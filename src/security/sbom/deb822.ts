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
  for (let start = 0; start <= text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    start = end + 1;
    if (line.trim() === '') {
      if (current.size > 0) {
        stanzas.push(current);
        if (options.firstOnly === true) return stanzas;
        current = new Map();
      }
      lastKey = undefined;
      skipping = false;
      continue;
    }
    const first = line.charCodeAt(0);
    if ((first === 0x20 || first === 0x09) && (lastKey !== undefined || skipping)) {
      if (lastKey !== undefined) current.set(lastKey, `${current.get(lastKey) ?? ''}\n${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).toLowerCase();
    // The first occurrence wins (METADATA repeats Classifier, Requires-Dist …).
    const keep = !current.has(key) && (options.fields === undefined || options.fields.has(key));
    lastKey = keep ? key : undefined;
    skipping = !keep;
    if (keep) current.set(key, line.slice(colon + 1).trim());
  }
  if (current.size > 0) stanzas.push(current);
  return stanzas;
}
