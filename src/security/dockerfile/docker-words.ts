/**
 * Word splitting for instruction arguments outside RUN (ENV, LABEL, ARG, FROM, COPY): whitespace separates
 * words, quotes group them and the escape character protects the next character, as in BuildKit's
 * `parseWords`. Words are returned as written (quotes kept); `unquote` removes the quoting.
 */
export function splitDockerWords(text: string, escapeChar: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  let inWord = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] ?? '';
    if (quote === undefined && /\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    word += char;
    if (char === escapeChar && quote !== "'" && index + 1 < text.length) {
      word += text[++index] ?? '';
    } else if (quote === undefined && (char === '"' || char === "'")) {
      quote = char;
    } else if (char === quote) {
      quote = undefined;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** Removes quotes and escape characters from one word. Variables are left as written. */
export function unquote(word: string, escapeChar: string): string {
  let result = '';
  let quote: string | undefined;
  for (let index = 0; index < word.length; index++) {
    const char = word[index] ?? '';
    const next = word[index + 1];
    if (quote !== "'" && char === escapeChar && next !== undefined) {
      if (quote === '"' && next !== '"' && next !== escapeChar) result += char;
      result += next;
      index++;
    } else if (quote === undefined && (char === '"' || char === "'")) {
      quote = char;
    } else if (char === quote) {
      quote = undefined;
    } else {
      result += char;
    }
  }
  return result;
}

export interface KeyValue {
  key: string;
  value: string;
}

/**
 * ENV and LABEL pairs: `KEY=value KEY2="v 2"`, or the legacy `KEY value with spaces` form when the first word
 * has no `=`.
 */
export function readKeyValues(args: string, escapeChar: string): KeyValue[] {
  const words = splitDockerWords(args, escapeChar);
  const first = words[0];
  if (first === undefined) return [];
  if (!first.includes('=')) {
    const value = args.trim().slice(first.length).trim();
    return [{ key: unquote(first, escapeChar), value: unquote(value, escapeChar) }];
  }
  return words.map((word) => {
    const equals = word.indexOf('=');
    if (equals < 0) return { key: unquote(word, escapeChar), value: '' };
    return {
      key: unquote(word.slice(0, equals), escapeChar),
      value: unquote(word.slice(equals + 1), escapeChar),
    };
  });
}

/** ARG declarations: `NAME`, `NAME=default`, several per line. */
export function readArgDeclarations(
  args: string,
  escapeChar: string,
): Array<{ name: string; value?: string }> {
  return splitDockerWords(args, escapeChar).map((word) => {
    const equals = word.indexOf('=');
    if (equals < 0) return { name: unquote(word, escapeChar) };
    return { name: word.slice(0, equals), value: unquote(word.slice(equals + 1), escapeChar) };
  });
}
