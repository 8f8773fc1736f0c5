import { BerthError, type ErrorCode, type SourcePosition } from '../errors/index.js';
import type { ComposeNode, MapEntry } from './compose-tree.js';

/** Codes the Compose loader raises for problems inside the file. */
export type ComposeErrorCode = Extract<
  ErrorCode,
  | 'BERTH_COMPOSE_YAML'
  | 'BERTH_COMPOSE_UNSUPPORTED_KEY'
  | 'BERTH_COMPOSE_INVALID'
  | 'BERTH_COMPOSE_INTERPOLATION'
  | 'BERTH_COMPOSE_DEPENDENCY'
  | 'BERTH_FILE_NOT_FOUND'
>;

/**
 * An error about one node of the Compose file: the message starts with the node's key path and the
 * position is the node's own line and column.
 *
 * @example
 * throw composeError('BERTH_COMPOSE_INVALID', node, `"12zz" is not a byte size`, 'Write e.g. 512m or 1g.');
 */
export function composeError(
  code: ComposeErrorCode,
  at: ComposeNode | { path: string; pos: SourcePosition },
  detail: string,
  hint: string,
): BerthError {
  const path = at.path === '' ? '(top level)' : at.path;
  return new BerthError(code, `${path}: ${detail}`, { position: at.pos, hint });
}

/** The error for a key Berth does not support; positioned on the key itself. */
export function unsupportedKey(entry: MapEntry, supported: readonly string[], hint?: string): BerthError {
  return new BerthError(
    'BERTH_COMPOSE_UNSUPPORTED_KEY',
    `${entry.node.path}: key "${entry.key}" is not supported by Berth`,
    {
      position: entry.keyPos,
      hint: hint ?? `Remove it; supported keys here are: ${supported.join(', ')}.`,
    },
  );
}

/** Quotes a scalar's text for messages (`"12zz"`), or names the kind of a collection. */
export function describe(node: ComposeNode): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  if (node.value === null) return 'an empty value';
  return JSON.stringify(node.text);
}
