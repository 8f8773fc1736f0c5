import { z } from 'zod';
import { didYouMean } from '../../errors/index.js';
import { pipelineError } from './pipeline-error.js';
import { parseDuration, parseSize } from './parse-units.js';
import type { YamlNode, YamlScalar } from './yaml-tree.js';

/** Quotes a scalar for messages (`"12zz"`), or names the kind of a collection. */
export function describe(node: YamlNode): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  if (node.value === null) return 'an empty value';
  return JSON.stringify(node.text);
}

function scalar(node: YamlNode, expected: string, hint: string): YamlScalar {
  if (node.kind !== 'scalar' || node.value === null) {
    throw pipelineError(node, `expected ${expected}, got ${describe(node)}`, hint);
  }
  return node;
}

/** A non-empty string; numbers are taken as written (`node: 20` is "20"). Booleans are refused. */
export function readString(node: YamlNode, hint = 'Write a plain string value.'): string {
  const value = scalar(node, 'a string', hint);
  if (typeof value.value === 'boolean') {
    throw pipelineError(
      node,
      `expected a string, got the boolean ${value.text}`,
      `${hint} Quote it: "${value.text}".`,
    );
  }
  if (value.text.trim() === '') throw pipelineError(node, 'expected a non-empty string', hint);
  return value.text;
}

/** A string matching `pattern` (names, ids). */
export function readName(node: YamlNode, pattern: RegExp, what: string, hint: string): string {
  const text = readString(node, hint);
  if (!pattern.test(text)) throw pipelineError(node, `${JSON.stringify(text)} is not a valid ${what}`, hint);
  return text;
}

export function readBool(node: YamlNode): boolean {
  const value = scalar(node, 'true or false', 'Write true or false.');
  if (typeof value.value !== 'boolean') {
    throw pipelineError(node, `${describe(node)} is not true or false`, 'Write true or false (unquoted).');
  }
  return value.value;
}

export function readNumber(node: YamlNode, min: number, max: number, hint: string): number {
  const value = scalar(node, 'a number', hint);
  const parsed = z.coerce.number().min(min).max(max).safeParse(value.value);
  if (typeof value.value === 'boolean' || !parsed.success) {
    throw pipelineError(node, `${describe(node)} is not a number from ${min} to ${max}`, hint);
  }
  return parsed.data;
}

/** One of a fixed set of words, with a "did you mean" for typos. */
export function readEnum<const T extends string>(node: YamlNode, values: readonly T[]): T {
  const list = values.map((v) => `"${v}"`).join(', ');
  const text = readString(node, `Use one of ${list}.`);
  const found = values.find((v) => v === text);
  if (found === undefined) {
    throw pipelineError(
      node,
      `${describe(node)} is not one of ${list}${didYouMean(text, values)}`,
      `Use one of ${list}.`,
    );
  }
  return found;
}

export function readDuration(node: YamlNode): number {
  const hint = 'Write a duration such as 30s, 10m, 1h30m or 2d.';
  const ms = parseDuration(readString(node, hint));
  if (ms === undefined || ms <= 0) throw pipelineError(node, `${describe(node)} is not a duration`, hint);
  return ms;
}

export function readSize(node: YamlNode): number {
  const hint = 'Write a size such as 512m, 2g or 1.5gb (binary units).';
  const bytes = parseSize(node.kind === 'scalar' ? node.text : '');
  if (bytes === undefined || bytes <= 0) throw pipelineError(node, `${describe(node)} is not a size`, hint);
  return bytes;
}
