import { WILDCARD } from './masking.js';

/**
 * Small integer codes for tokens, so that grouping counts tokens in arrays instead of string-keyed maps.
 * Codes are dense from 0; `isParamLike` is remembered per code.
 */
export class TokenDictionary {
  readonly #codes = new Map<string, number>();
  readonly #paramLike: boolean[] = [];

  constructor() {
    this.code(WILDCARD);
  }

  /** How many codes were handed out (one more than the largest code). */
  get size(): number {
    return this.#paramLike.length;
  }

  /** The code of a token, assigned on first sight. */
  code(token: string): number {
    let code = this.#codes.get(token);
    if (code === undefined) {
      code = this.#paramLike.length;
      this.#codes.set(token, code);
      this.#paramLike.push(isParamLike(token));
    }
    return code;
  }

  /** The codes of a token sequence. */
  encode(tokens: readonly string[]): Int32Array {
    const out = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) out[i] = this.code(tokens[i] as string);
    return out;
  }

  /** See `isParamLike`. */
  isParamLike(code: number): boolean {
    return this.#paramLike[code] === true;
  }
}

// An empty value: nothing, or an empty pair of brackets or quotes, possibly followed by `,` or `;` (`()`, `'',`).
const EMPTY_VALUE = /^(?:|\(\)|\[\]|\{\}|<>|''|""|``)[,;]?$/;

/**
 * True if a token is only a parameter and punctuation (`<*>`, `(<*>)`, `<*>:<*>`, `<*>,`), or an empty value
 * (`()`, `''`): it carries no word of the event's text.
 */
export function isParamLike(token: string): boolean {
  if (!token.includes(WILDCARD)) return EMPTY_VALUE.test(token);
  let i = 0;
  while (i < token.length) {
    if (token.startsWith(WILDCARD, i)) {
      i += WILDCARD.length;
      continue;
    }
    const c = token.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return false;
    i++;
  }
  return true;
}
