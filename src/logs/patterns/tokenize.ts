/** A masked line split into the tokens the miner compares position by position. */
export interface Tokens {
  readonly tokens: string[];
  /** `glue[i]` is true when token i continues the previous word (no space before it when rendered). */
  readonly glue: boolean[];
}

// `key=value`: the key must look like an identifier, and `==`, `=:` are not separators.
const KEY_VALUE = /^([A-Za-z_][\w.-]*?=)(?![=:])(.*)$/;

/**
 * Split masked words into tokens: a `key=value` word becomes two tokens, `key=` and `value` (possibly empty), so
 * that values line up in one column and a template keeps its keys (`uid=<*>`), as Brain splits on `=`
 * (Yu et al., "Brain: Log Parsing with Bidirectional Parallel Tree", IEEE TSC 2023, §4.1).
 *
 * @example
 * tokenize(['login', 'user=bob', 'ok']); // { tokens: ['login', 'user=', 'bob', 'ok'], glue: [false, false, true, false] }
 */
export function tokenize(words: readonly string[]): Tokens {
  const tokens: string[] = [];
  const glue: boolean[] = [];
  for (const word of words) {
    const kv = word.includes('=') ? KEY_VALUE.exec(word) : null;
    if (kv === null) {
      tokens.push(word);
      glue.push(false);
    } else {
      tokens.push(kv[1] as string, kv[2] as string);
      glue.push(false, true);
    }
  }
  return { tokens, glue };
}
