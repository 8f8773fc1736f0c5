import { BerthError } from '../../errors/index.js';
import type { ParseResult } from './parse-result.js';
import { pipelineErrorCode } from './pipeline-error.js';

/*
 * Cache keys (docs/pipeline.md, "cache"): literal text plus `{{ hashFiles('glob', ...) }}`, which
 * stands for one hash of every workspace file matching the globs (GitHub Actions' `hashFiles`). The
 * volume is reused while the key stays the same, e.g. until the lockfile changes.
 */

export type CacheKeyPart = string | { readonly hashFiles: readonly string[] };

/** Hashes the workspace files matching `patterns` (the runner's I/O side). */
export type HashFiles = (patterns: readonly string[]) => string | Promise<string>;

const expression = /^hashFiles\(\s*(.*?)\s*\)$/s;
const argument = /^\s*(?:'([^']*)'|"([^"]*)")\s*(?:,|$)/;

/**
 * Splits a key template into literal text and `hashFiles` calls.
 *
 * @example
 * parseCacheKey("npm-{{ hashFiles('package-lock.json') }}");
 * // { ok: true, value: ['npm-', { hashFiles: ['package-lock.json'] }] }
 */
export function parseCacheKey(template: string): ParseResult<CacheKeyPart[]> {
  const parts: CacheKeyPart[] = [];
  let rest = template;
  while (rest !== '') {
    const open = rest.indexOf('{{');
    if (open === -1) {
      if (rest.includes('}}')) return { ok: false, reason: '"}}" without a matching "{{"' };
      parts.push(rest);
      break;
    }
    if (open > 0) parts.push(rest.slice(0, open));
    const close = rest.indexOf('}}', open);
    if (close === -1) return { ok: false, reason: '"{{" without a matching "}}"' };
    const inner = rest.slice(open + 2, close).trim();
    const call = expression.exec(inner);
    if (call === null) return { ok: false, reason: `"{{ ${inner} }}" is not hashFiles('glob', ...)` };
    const patterns = parseArguments(call[1] ?? '');
    if (patterns === undefined || patterns.length === 0) {
      return { ok: false, reason: `hashFiles needs one or more quoted globs, got "${call[1] ?? ''}"` };
    }
    parts.push({ hashFiles: patterns });
    rest = rest.slice(close + 2);
  }
  if (parts.length === 0) return { ok: false, reason: 'the key is empty' };
  return { ok: true, value: parts };
}

function parseArguments(text: string): string[] | undefined {
  const patterns: string[] = [];
  let rest = text;
  while (rest.trim() !== '') {
    const match = argument.exec(rest);
    if (match === null) return undefined;
    const pattern = match[1] ?? match[2] ?? '';
    if (pattern === '') return undefined;
    patterns.push(pattern);
    rest = rest.slice(match[0].length);
  }
  return patterns;
}

/**
 * The cache key for this run: `hashFiles` calls replaced by `hashFiles(patterns)`, and every character
 * outside `[A-Za-z0-9_.-]` replaced by `-`, so the key can be part of a Docker volume name.
 *
 * @example
 * await evaluateCacheKey("npm-{{ hashFiles('package-lock.json') }}", () => 'ab12'); // 'npm-ab12'
 */
export async function evaluateCacheKey(template: string, hashFiles: HashFiles): Promise<string> {
  const parsed = parseCacheKey(template);
  if (!parsed.ok) {
    throw new BerthError(pipelineErrorCode, `cache key ${JSON.stringify(template)}: ${parsed.reason}`, {
      hint: "Write a key such as npm-{{ hashFiles('package-lock.json') }}.",
    });
  }
  const texts = await Promise.all(
    parsed.value.map(async (part) => (typeof part === 'string' ? part : await hashFiles(part.hashFiles))),
  );
  return texts.join('').replace(/[^A-Za-z0-9_.-]/g, '-');
}
