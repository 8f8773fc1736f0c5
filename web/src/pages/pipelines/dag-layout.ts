import type { RunGraph, StepRecord } from './types';

/** One box of the drawn graph: a step of the selected variant with what it waits for. */
export interface DagNode {
  name: string;
  kind: string;
  needs: readonly string[];
  /** What the store recorded (absent for steps that have not started yet). */
  record?: StepRecord;
  /** Approval question, scan target: a line of detail under the name. */
  detail?: string;
}

/**
 * The steps of one variant in columns by dependency level: a step sits one column right of the
 * furthest step it needs, so parallel branches share a column (like Woodpecker's and GitLab's views).
 * Without a graph (the pipeline file was not read) the recorded steps are shown one per column in the
 * order they started; recorded steps the graph does not know go in a last column.
 *
 * @example
 * dagColumns(run.graph, run.steps, '').map((column) => column.map((n) => n.name)); // [['build'], ['test', 'lint']]
 */
export function dagColumns(
  graph: RunGraph | null,
  records: readonly StepRecord[],
  variant: string,
): DagNode[][] {
  const recorded = new Map(records.filter((r) => r.variant === variant).map((r) => [r.name, r]));
  if (graph === null) {
    return [...recorded.values()].map((record) => [
      { name: record.name, kind: record.kind, needs: [], record },
    ]);
  }
  const byName = new Map(graph.steps.map((s) => [s.name, s]));
  const levels = new Map<string, number>();
  const levelOf = (name: string, seen: ReadonlySet<string>): number => {
    const known = levels.get(name);
    if (known !== undefined) return known;
    const needs = (byName.get(name)?.needs ?? []).filter((n) => byName.has(n) && !seen.has(n));
    const level =
      needs.length === 0 ? 0 : 1 + Math.max(...needs.map((n) => levelOf(n, new Set([...seen, name]))));
    levels.set(name, level);
    return level;
  };
  const columns: DagNode[][] = [];
  for (const step of graph.steps) {
    const level = levelOf(step.name, new Set());
    const record = recorded.get(step.name);
    const detail = step.kind === 'approval' ? step.message : step.kind === 'scan' ? step.target : undefined;
    (columns[level] ??= []).push({
      name: step.name,
      kind: step.kind,
      needs: step.needs,
      ...(record ? { record } : {}),
      ...(detail ? { detail } : {}),
    });
  }
  const unknown = [...recorded.values()].filter((r) => !byName.has(r.name));
  if (unknown.length > 0) {
    columns.push(unknown.map((record) => ({ name: record.name, kind: record.kind, needs: [], record })));
  }
  return columns.filter((column) => column.length > 0);
}

/** The variants to choose from: the graph's, else those the records name (`''` without a matrix). */
export function variantsOf(graph: RunGraph | null, records: readonly StepRecord[]): string[] {
  if (graph) return graph.variants;
  const names = [...new Set(records.map((r) => r.variant))];
  return names.length > 0 ? names : [''];
}
