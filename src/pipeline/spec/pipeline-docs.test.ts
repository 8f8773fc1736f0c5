import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expandMatrix } from './expand-matrix.js';
import { containerKeys } from './load-container.js';
import { loadPipeline } from './load-pipeline.js';
import { stepKeys } from './load-step.js';
import { stepKinds } from './pipeline-spec.js';

// docs/pipeline.md is the user's reference: its examples must load and it must name every key.
const docs = readFileSync(fileURLToPath(new URL('../../../docs/pipeline.md', import.meta.url)), 'utf8');
const examples = [...docs.matchAll(/```yaml\n(# \.berth\/pipeline\.yaml\n[\s\S]*?)```/g)].map(
  (m) => m[1] ?? '',
);
const complete = examples[0] ?? '';
const file = '.berth/pipeline.yaml';

describe('docs/pipeline.md', () => {
  it('has examples of whole pipeline files', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  it.each(examples.map((text, i) => [i, text]))('example %i loads', (_i, text) => {
    expect(() => loadPipeline(text, { file })).not.toThrow();
  });

  it('has a complete example that uses every step kind, services, cron, a matrix and a DAG', () => {
    const spec = loadPipeline(complete, { file });
    expect(new Set(spec.steps.map((s) => s.kind))).toEqual(new Set(stepKinds));
    expect([spec.services.length, spec.cron.length, spec.matrix.length, spec.dag]).toEqual([1, 1, 2, true]);
    expect(expandMatrix(spec).map((v) => v.name)).toEqual(['NODE=20', 'NODE=22']);
  });

  it('shows the error the loader really gives for a misspelt dependency of the complete example', () => {
    let message = '';
    try {
      loadPipeline(complete.replace('depends_on: [lint, test]', 'depends_on: [lint, tset]'), { file });
    } catch (error) {
      message = `${(error as Error).message}\nhint: ${(error as { hint: string }).hint}`;
    }
    expect(docs).toContain(`\`\`\`text\n${message}\n\`\`\``);
  });

  const tableKeys = [
    ...new Set([
      ...Object.values(stepKeys).flat(),
      ...containerKeys,
      ...[
        'when',
        'steps',
        'services',
        'matrix',
        'cron',
        'reports',
        'depends_on',
        'timeout',
        'failure',
        'kind',
      ],
      ...['event', 'branch', 'tag', 'path', 'status', 'junit', 'sarif', 'fail_on', 'key', 'schedule'],
      ...['severity', 'secrets', 'dockerfile', 'ignore'],
    ]),
  ];
  it.each(tableKeys)('documents the key `%s` in a table', (key) => {
    expect(docs).toContain(`| \`${key}\``);
  });

  it.each(['include', 'exclude', 'on_empty', 'from_secret', 'cpus', 'memory', 'name'])(
    'mentions the key `%s`',
    (key) => {
      expect(docs).toContain(`\`${key}\``);
    },
  );
});
