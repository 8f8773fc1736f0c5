import type { ParseResult } from './parse-result.js';

/**
 * Splits a command string into argv with shell-like quoting, as Compose does for the string form of
 * `command` and `entrypoint` (no shell is involved): blanks separate words, single quotes are literal,
 * double quotes allow `\"`, `\\`, `\$` and `` \` `` escapes, and a backslash outside quotes escapes
 * the next character.
 *
 * @example
 * shellSplit(`sh -c "echo 'hi there'"`); // { ok: true, value: ['sh', '-c', "echo 'hi there'"] }
 */
export function shellSplit(text: string): ParseResult<string[]> {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charAt(i);
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === '\\') {
      i += 1;
      // A trailing backslash is kept, as go-shellwords does.
      word += i < text.length ? text.charAt(i) : '\\';
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close === -1) return { ok: false, reason: 'a single quote is not closed' };
      word += text.slice(i + 1, close);
      i = close;
    } else if (c === '"') {
      let closed = false;
      for (i += 1; i < text.length; i += 1) {
        const d = text.charAt(i);
        if (d === '"') {
          closed = true;
          break;
        }
        if (d === '\\' && '"\\$`'.includes(text.charAt(i + 1)) && i + 1 < text.length) {
          i += 1;
          word += text.charAt(i);
        } else {
          word += d;
        }
      }
      if (!closed) return { ok: false, reason: 'a double quote is not closed' };
    } else {
      word += c;
    }
  }
  if (inWord) words.push(word);
  return { ok: true, value: words };
}
