import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { z } from 'zod';
import { BerthError } from '../../errors/index.js';
import { expiryInstant, IgnoreEntrySchema, type IgnoreEntry } from './ignore-entry.js';

interface Problem {
  line: number;
  column: number;
  message: string;
}

const hint =
  'each entry needs `id`, `reason` and `expires` (e.g. `expires: 2026-12-31`); see src/security/suppress/README.md';

/**
 * Parses a `.berthignore` file: a YAML list of entries. Every problem is reported at once, each with its
 * line and column, in one `BERTH_CONFIG` error.
 *
 * @example
 * const entries = parseBerthignore(await readFile('.berthignore', 'utf8'), '.berthignore');
 */
export function parseBerthignore(text: string, file = '.berthignore'): IgnoreEntry[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number | undefined, message: string): Problem => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return { line, column: col, message };
  };
  const yamlErrors = doc.errors.map((e) => at(e.pos[0], e.message));
  if (yamlErrors.length > 0) fail(file, yamlErrors);
  if (doc.contents === null) return [];
  if (!isSeq(doc.contents)) {
    fail(file, [at(doc.contents.range?.[0], 'the file must be a YAML list of entries (`- id: ...`)')]);
  }

  const entries: IgnoreEntry[] = [];
  const problems: Problem[] = [];
  doc.contents.items.forEach((item, index) => {
    const node = item as Node;
    const start = at(node.range?.[0], '');
    const result = IgnoreEntrySchema.safeParse(node.toJSON());
    if (!result.success) {
      for (const issue of result.error.issues) {
        const key = issue.path[0];
        const valueNode =
          typeof key === 'string' && isMap(node) ? (node.get(key, true) as Node | undefined) : undefined;
        const where = valueNode?.range?.[0] ?? node.range?.[0];
        problems.push(at(where, describe(issue, index, node)));
      }
      return;
    }
    const { paths, ...entry } = result.data;
    entries.push({
      ...entry,
      ...(paths === undefined ? {} : { paths }),
      expiresAt: expiryInstant(entry.expires),
      source: { file, line: start.line },
    });
  });
  if (problems.length > 0) fail(file, problems);
  return entries;
}

function describe(issue: z.core.$ZodIssue, index: number, node: Node): string {
  const id = isMap(node) ? node.get('id') : undefined;
  const entry = `entry ${index + 1}${typeof id === 'string' ? ` ("${id}")` : ''}`;
  const key = issue.path.join('.');
  if (issue.path.length === 1 && isMap(node) && !node.has(key)) return `${entry} has no \`${key}\``;
  if (issue.code === 'unrecognized_keys')
    return `${entry} has unknown key(s) ${issue.keys.map((k) => `\`${k}\``).join(', ')}`;
  if (key === 'expires') {
    const value = isMap(node) ? node.get('expires') : undefined;
    return `${entry}: \`expires\` ${JSON.stringify(value)} is not a date like 2026-12-31`;
  }
  return `${entry}: \`${key || 'entry'}\` ${issue.message}`;
}

function fail(file: string, problems: Problem[]): never {
  const first = problems[0] ?? { line: 1, column: 1, message: 'invalid' };
  const lines = problems.map((p) => `${file}:${p.line}:${p.column}: ${p.message}`);
  throw new BerthError('BERTH_CONFIG', `invalid ignore file ${file}: ${lines.join('; ')}`, {
    hint,
    position: { file, line: first.line, column: first.column },
    details: { problems },
  });
}
