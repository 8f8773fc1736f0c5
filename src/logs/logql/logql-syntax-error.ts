import { BerthError, type SourcePosition } from '../../errors/index.js';

/** Where in a query a syntax error was found: 0-based `offset`, 1-based `line` and `column`. */
export interface LogqlPosition extends SourcePosition {
  offset: number;
}

/**
 * A query that does not parse. The message says what was expected and what was found, and where.
 * It uses `BERTH_BAD_REQUEST` because queries arrive through the API; a dedicated code can follow once
 * the logs pillar owns one in the catalogue.
 *
 * @example
 * try { parseLogql('{app="shop"'); } catch (e) { if (e instanceof LogqlSyntaxError) console.log(e.position.column); }
 */
export class LogqlSyntaxError extends BerthError {
  declare readonly position: LogqlPosition;
  /** What the parser would have accepted, e.g. `['"}"', '","']`. */
  readonly expected: readonly string[];
  readonly found: string;

  constructor(message: string, position: LogqlPosition, expected: readonly string[], found: string) {
    super('BERTH_BAD_REQUEST', message, {
      position,
      hint: 'fix the LogQL query at the given line and column (see src/logs/logql/README.md for the supported grammar)',
      details: { expected, found },
    });
    this.name = 'LogqlSyntaxError';
    this.expected = expected;
    this.found = found;
  }
}

/** Converts an offset in `source` to a position. */
export function positionAt(source: string, offset: number): LogqlPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { file: '<query>', offset, line, column: offset - lineStart + 1 };
}
