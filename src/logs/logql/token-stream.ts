import type { Token } from './lexer.js';
import { LogqlSyntaxError, positionAt } from './logql-syntax-error.js';

/** Describes a token the way an error message quotes it: `"}"`, `identifier "foo"`, `end of query`. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'end of query';
    case 'ident':
      return `identifier ${JSON.stringify(token.text)}`;
    case 'string':
      return `string ${JSON.stringify(token.text)}`;
    case 'punct':
      return JSON.stringify(token.text);
    default:
      return `${token.kind} ${token.text}`;
  }
}

/** A cursor over tokens with the helpers a recursive-descent parser needs. */
export class TokenStream {
  private index = 0;

  constructor(
    readonly source: string,
    private readonly tokens: Token[],
  ) {}

  peek(ahead = 0): Token {
    const last = this.tokens[this.tokens.length - 1];
    const token = this.tokens[this.index + ahead] ?? last;
    if (token === undefined) throw new Error('token stream is empty');
    return token;
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  isPunct(text: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'punct' && token.text === text;
  }

  isIdent(text?: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'ident' && (text === undefined || token.text === text);
  }

  /** Consumes the punctuation `text` or throws a syntax error naming it. */
  expectPunct(text: string): Token {
    if (!this.isPunct(text)) this.fail([JSON.stringify(text)]);
    return this.next();
  }

  expectKind(kind: Token['kind'], expected: string): Token {
    if (this.peek().kind !== kind) this.fail([expected]);
    return this.next();
  }

  /** Throws "expected A or B but found C at line L, column N" for the current token (or `at`). */
  fail(expected: readonly string[], at: Token = this.peek(), detail?: string): never {
    const found = describeToken(at);
    return this.failAt(at.offset, expected, found, detail);
  }

  /** Throws at `offset`; a custom `detail` replaces "expected … but found …", the position is always appended. */
  failAt(offset: number, expected: readonly string[], found: string, detail?: string): never {
    const position = positionAt(this.source, offset);
    const what =
      expected.length <= 1
        ? (expected[0] ?? 'nothing')
        : `${expected.slice(0, -1).join(', ')} or ${expected[expected.length - 1] ?? ''}`;
    const text = detail ?? `expected ${what} but found ${found}`;
    const message = `${text} at line ${position.line}, column ${position.column}`;
    throw new LogqlSyntaxError(message, position, expected, found);
  }
}
