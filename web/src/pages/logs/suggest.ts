/**
 * Label and value suggestions for the query box: what the text before the cursor is asking for inside
 * a stream selector (`{app="sh|` wants values of `app`; `{app="shop", se|` wants label names), and the
 * text a chosen suggestion becomes. Pure, so it is tested without a browser.
 */

export type SuggestContext =
  | { kind: 'label'; prefix: string; from: number; to: number }
  | {
      kind: 'value';
      label: string;
      prefix: string;
      from: number;
      to: number;
      /** The cursor is inside quotes already (else the suggestion brings its own). */
      quoted: boolean;
    };

interface Scan {
  depth: number;
  /** Where the string the cursor is in started (its quote), or -1. */
  stringStart: number;
}

/** Walks the text up to the cursor, tracking braces and strings (Go escapes, raw backticks, # comments). */
function scan(text: string, cursor: number): Scan {
  let depth = 0;
  let quote = '';
  let stringStart = -1;
  for (let i = 0; i < cursor; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) {
        quote = '';
        stringStart = -1;
      }
    } else if (c === '"' || c === '`') {
      quote = c;
      stringStart = i;
    } else if (c === '#') {
      const end = text.indexOf('\n', i);
      if (end < 0 || end >= cursor) return { depth: 0, stringStart: -1 };
      i = end;
    } else if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
  }
  return { depth, stringStart: quote ? stringStart : -1 };
}

const matcherBefore = /([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*$/;

/**
 * What to suggest at `cursor`, or undefined outside a selector.
 *
 * @example
 * suggestContext('{app="sh', 8) // { kind: 'value', label: 'app', prefix: 'sh', from: 6, to: 8, quoted: true }
 */
export function suggestContext(text: string, cursor: number): SuggestContext | undefined {
  const { depth, stringStart } = scan(text, cursor);
  if (depth === 0) return undefined;
  if (stringStart >= 0) {
    const matcher = matcherBefore.exec(text.slice(0, stringStart));
    if (!matcher?.[1]) return undefined;
    const close = text.indexOf(text[stringStart] ?? '"', cursor);
    const lineEnd = text.indexOf('\n', cursor);
    const to = close < 0 || (lineEnd >= 0 && lineEnd < close) ? cursor : close;
    return {
      kind: 'value',
      label: matcher[1],
      prefix: text.slice(stringStart + 1, cursor),
      from: stringStart + 1,
      to,
      quoted: true,
    };
  }
  const before = text.slice(0, cursor);
  const matcher = matcherBefore.exec(before);
  if (matcher?.[1])
    return { kind: 'value', label: matcher[1], prefix: '', from: cursor, to: cursor, quoted: false };
  const word = /[a-zA-Z_][a-zA-Z0-9_]*$/.exec(before)?.[0] ?? '';
  const head = before.slice(0, before.length - word.length).trimEnd();
  if (!head.endsWith('{') && !head.endsWith(',')) return undefined;
  const rest = /^[a-zA-Z0-9_]*/.exec(text.slice(cursor))?.[0] ?? '';
  return { kind: 'label', prefix: word, from: cursor - word.length, to: cursor + rest.length };
}

/** The candidates that fit the prefix (case-insensitive), those starting with it first, at most `max`. */
export function filterCandidates(candidates: readonly string[], prefix: string, max = 50): string[] {
  const p = prefix.toLowerCase();
  const starts = candidates.filter((c) => c.toLowerCase().startsWith(p));
  const contains = p
    ? candidates.filter((c) => !c.toLowerCase().startsWith(p) && c.toLowerCase().includes(p))
    : [];
  return [...starts, ...contains].slice(0, max);
}

/** Escapes a value for inside a double-quoted LogQL string. */
const escapeValue = (value: string): string => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

/**
 * The text after choosing `choice`, and where the cursor goes. A label becomes `name=""` with the cursor
 * between the quotes (so values are suggested next); a value fills its quotes and the cursor leaves them.
 */
export function applySuggestion(
  text: string,
  context: SuggestContext,
  choice: string,
): { text: string; cursor: number } {
  if (context.kind === 'label') {
    const insert = `${choice}=""`;
    return {
      text: text.slice(0, context.from) + insert + text.slice(context.to),
      cursor: context.from + choice.length + 2,
    };
  }
  const value = escapeValue(choice);
  if (!context.quoted) {
    const insert = `"${value}"`;
    return {
      text: text.slice(0, context.from) + insert + text.slice(context.to),
      cursor: context.from + insert.length,
    };
  }
  const closed = text[context.to] === '"';
  const after = closed ? text.slice(context.to + 1) : text.slice(context.to);
  return { text: `${text.slice(0, context.from)}${value}"${after}`, cursor: context.from + value.length + 1 };
}
