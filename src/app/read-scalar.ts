import { z } from 'zod';
import { composeError, describe } from './compose-error.js';
import type { ComposeNode } from './compose-tree.js';
import { parseBytes } from './parse-bytes.js';
import { parseDuration } from './parse-duration.js';

/*
 * Readers for scalar values. Interpolation turns every `${VAR}` into a string, so, like Compose (which
 * casts interpolated values by path), numbers and booleans are also accepted in their string form:
 * `replicas: ${REPLICAS:-2}` is the integer 2.
 */

const integer = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^\s*[+-]?\d+\s*$/)
    .transform(Number),
]);
const decimal = z.union([
  z.number(),
  z
    .string()
    .regex(/^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/)
    .transform(Number),
]);
// Compose casts booleans with the YAML 1.1 words too (`yes`, `on`), so interpolated values may use them.
const boolean = z.union([
  z.boolean(),
  z.stringbool({
    truthy: ['true', 'yes', 'y', 'on'],
    falsy: ['false', 'no', 'n', 'off'],
    case: 'insensitive',
  }),
]);
const text = z.union([z.string(), z.number().transform(String)]);

/** Parses a scalar node with `schema`; on failure the error quotes the value and says what was expected. */
export function readWith<T>(node: ComposeNode, schema: z.ZodType<T>, expected: string, hint: string): T {
  if (node.kind !== 'scalar' || node.value === null) {
    throw composeError('BERTH_COMPOSE_INVALID', node, `expected ${expected}, got ${describe(node)}`, hint);
  }
  const parsed = schema.safeParse(node.value);
  if (!parsed.success) {
    throw composeError('BERTH_COMPOSE_INVALID', node, `${describe(node)} is not ${expected}`, hint);
  }
  return parsed.data;
}

/** A string (numbers are taken as written: `tag: 1.10` is "1.10"). */
export function readString(node: ComposeNode, hint = 'Write a plain string value.'): string {
  readWith(node, text, 'a string', hint);
  return (node as { text: string }).text;
}

export function readBool(node: ComposeNode): boolean {
  return readWith(node, boolean, 'a boolean', 'Write true or false.');
}

export interface NumberRange {
  min?: number;
  max?: number;
  hint?: string;
}

export function readInt(node: ComposeNode, range: NumberRange = {}): number {
  const { min = -Infinity, max = Infinity } = range;
  const expected = `an integer${rangeText(min, max)}`;
  const hint = range.hint ?? `Write a whole number${rangeText(min, max)}.`;
  return readWith(node, integer.pipe(z.number().min(min).max(max)), expected, hint);
}

export function readNumber(node: ComposeNode, range: NumberRange = {}): number {
  const { min = -Infinity, max = Infinity } = range;
  const expected = `a number${rangeText(min, max)}`;
  const hint = range.hint ?? `Write a number${rangeText(min, max)}, e.g. 0.5.`;
  return readWith(node, decimal.pipe(z.number().min(min).max(max)), expected, hint);
}

/** One of a fixed set of words. */
export function readEnum<const T extends string>(node: ComposeNode, values: readonly T[]): T {
  const list = values.map((v) => `"${v}"`).join(', ');
  return readWith(node, z.enum(values as [T, ...T[]]), `one of ${list}`, `Use one of ${list}.`);
}

/** A value parsed by a format parser (`parseDuration`, `parseBytes`), which returns undefined when invalid. */
export function readFormatted<T>(
  node: ComposeNode,
  parse: (value: string | number) => T | undefined,
  expected: string,
  hint: string,
): T {
  const raw = readWith(node, z.union([z.string(), z.number()]), expected, hint);
  const value = parse(raw);
  if (value === undefined) {
    throw composeError('BERTH_COMPOSE_INVALID', node, `${describe(node)} is not ${expected}`, hint);
  }
  return value;
}

/** A Compose duration (`1m30s`) in milliseconds. */
export function readDuration(node: ComposeNode, range: NumberRange = {}): number {
  const hint = range.hint ?? 'Write a duration such as 10s, 1m30s, 500ms or 1h.';
  const ms = readFormatted(node, parseDuration, 'a duration', hint);
  if (ms < (range.min ?? 0)) {
    throw composeError(
      'BERTH_COMPOSE_INVALID',
      node,
      `${describe(node)} is shorter than ${range.min ?? 0}ms`,
      hint,
    );
  }
  return ms;
}

/** A Compose byte value (`512m`, `1.5GB`) in bytes. */
export function readBytes(node: ComposeNode): number {
  return readFormatted(
    node,
    parseBytes,
    'a byte size',
    'Write a size such as 512m, 1g, 1.5gb or 100000 (bytes).',
  );
}

function rangeText(min: number, max: number): string {
  if (min > -Infinity && max < Infinity) return ` from ${min} to ${max}`;
  if (min > -Infinity) return ` >= ${min}`;
  if (max < Infinity) return ` <= ${max}`;
  return '';
}
