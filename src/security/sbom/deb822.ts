/**
 * Splits RFC 822-style stanzas (Debian control files, deb822(5); Python core metadata) into field maps
 * keyed by lower-cased field name. Continuation lines (leading space or tab) extend the previous field.
 * With `firstOnly`, parsing stops at the first blank line (a METADATA file's body follows it).
 */
export function parseStanzas(text: string, firstOnly = false): Map<string, string>[] {
  const stanzas: Map<string, string>[] = [];
  let current = new Map<string, string>();
  let lastKey: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') {
      if (current.size > 0) {
        stanzas.push(current);
        if (firstOnly) return stanzas;
        current = new Map();
      }
      lastKey = undefined;
      continue;
    }
    if ((line.startsWith(' ') || line.startsWith('\t')) && lastKey !== undefined) {
      current.set(lastKey, `${current.get(lastKey) ?? ''}\n${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).toLowerCase();
    // The first occurrence wins (METADATA repeats Classifier, Requires-Dist …).
    lastKey = current.has(key) ? undefined : key;
    if (lastKey !== undefined) current.set(key, line.slice(colon + 1).trim());
  }
  if (current.size > 0) stanzas.push(current);
  return stanzas;
}
