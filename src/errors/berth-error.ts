import { errorCatalogue, type ErrorCode, type ErrorKind } from './codes.js';

/** Where in a file an error was found (1-based line and column). */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export interface BerthErrorOptions {
  /** The fix a user should try, in one sentence. */
  hint?: string;
  cause?: unknown;
  position?: SourcePosition;
  /** Extra structured data for API clients (never secrets). */
  details?: Record<string, unknown>;
}

/**
 * The one error type of Berth. The message says what failed and quotes the offending value; `hint` gives
 * the fix; `code` is stable and documented in docs/errors.md.
 *
 * @example
 * throw new BerthError('BERTH_PORT_IN_USE', 'host port 8080 is already in use', { hint: 'free it or change ports:' });
 */
export class BerthError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly position: SourcePosition | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: BerthErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BerthError';
    this.code = code;
    this.hint = options.hint;
    this.position = options.position;
    this.details = options.details;
  }

  get kind(): ErrorKind {
    return errorCatalogue[this.code].kind;
  }

  /** The shape sent over the API and printed by `--json`. */
  toJSON(): BerthErrorJson {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.position === undefined ? {} : { position: this.position }),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

export interface BerthErrorJson {
  code: ErrorCode;
  message: string;
  hint?: string;
  position?: SourcePosition;
  details?: Record<string, unknown>;
}

export function isBerthError(value: unknown): value is BerthError {
  return value instanceof BerthError;
}

/** Rebuilds a BerthError from its JSON form (used by the CLI on API error bodies). */
export function berthErrorFromJson(json: BerthErrorJson): BerthError {
  const code: ErrorCode = json.code in errorCatalogue ? json.code : 'BERTH_INTERNAL';
  return new BerthError(code, json.message, {
    ...(json.hint === undefined ? {} : { hint: json.hint }),
    ...(json.position === undefined ? {} : { position: json.position }),
    ...(json.details === undefined ? {} : { details: json.details }),
  });
}
