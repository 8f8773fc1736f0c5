import { base64Fragments } from './base64-fragments.js';
import { minMaskableLength, secretLines } from './maskable-secret.js';

/**
 * Every text form in which a secret value may show up in step output, each of which is masked:
 * - the value without surrounding whitespace (a value read from `echo x |` ends with a newline; the
 *   whitespace around it is not secret);
 * - for a multi-line value: the value with LF and with CRLF line ends, and each line of at least
 *   {@link minMaskableLength} characters on its own (a tool may print it line by line, with prefixes);
 * - its base64 form at the three byte alignments, standard and URL-safe (see {@link base64Fragments});
 * - lower- and upper-case hex of its UTF-8 bytes (`xxd -p`, `od`);
 * - percent-encoding (RFC 3986, as `encodeURIComponent` does) and form-encoding (spaces as `+`);
 * - the JSON string escape (`\n`, `\"`), as when a PEM key is printed inside JSON.
 *
 * Variants shorter than {@link minMaskableLength} are left out (only short lines can be).
 */
export function secretVariants(value: string): string[] {
  const core = value.trim();
  const texts = new Set<string>([core]);
  const variants = new Set<string>();
  if (/[\r\n]/.test(core)) {
    texts.add(core.replace(/\r\n|\r|\n/g, '\n'));
    texts.add(core.replace(/\r\n|\r|\n/g, '\r\n'));
    for (const line of secretLines(core)) variants.add(line);
  }
  for (const text of texts) {
    const bytes = Buffer.from(text, 'utf8');
    variants.add(text);
    for (const fragment of base64Fragments(bytes)) variants.add(fragment);
    const hex = bytes.toString('hex');
    variants.add(hex);
    variants.add(hex.toUpperCase());
    const percent = percentEncode(text);
    if (percent !== undefined) {
      variants.add(percent);
      variants.add(percent.replaceAll('%20', '+'));
    }
    variants.add(JSON.stringify(text).slice(1, -1));
  }
  return [...variants].filter((variant) => variant.length >= minMaskableLength);
}

/** `encodeURIComponent`, or undefined for a string with a lone surrogate (which it refuses). */
function percentEncode(text: string): string | undefined {
  try {
    return encodeURIComponent(text);
  } catch {
    return undefined;
  }
}
