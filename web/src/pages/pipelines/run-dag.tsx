import type { JSX } from 'preact';
import { StatusBadge, statusTone } from '../../components';
import type { DagNode } from './dag-layout';
import { durationText } from './run-format';

export interface DagStepView extends DagNode {
  /** Live status, else recorded, else `pending` (not started yet). */
  status: string;
}

/**
 * A run's steps as columns by dependency level. Every step is a button (select it to see its log) with
 * its status in words and colour, its kind, timing, and what it waits for when that is not simply the
 * column before. Columns scroll sideways on a phone.
 */
export function RunDag({
  columns,
  selected,
  onSelect,
  nowMs,
}: {
  columns: readonly (readonly DagStepView[])[];
  selected: string | undefined;
  onSelect: (step: string) => void;
  nowMs: number;
}): JSX.Element {
  return (
    <ol class="dag" aria-label="Steps by dependency level">
      {columns.map((column, i) => (
        <li key={i} class="dag-column">
          <span class="dag-level muted">Stage {i + 1}</span>
          <ol class="dag-steps">
            {column.map((node) => {
              const record = node.record;
              const timing = record
                ? durationText(
                    record.startedAt,
                    node.status === 'running' || node.status === 'waiting'
                      ? null
                      : (record.finishedAt ?? record.startedAt),
                    nowMs,
                  )
                : '–';
              return (
                <li key={node.name}>
                  <button
                    type="button"
                    class={`dag-step tone-${statusTone(node.status)}`}
                    aria-pressed={selected === node.name}
                    data-step={node.name}
                    onClick={() => onSelect(node.name)}
                  >
                    <span class="dag-step-head">
                      <span class="dag-step-name">{node.name}</span>
                      <StatusBadge status={node.status} />
                    </span>
                    <span class="dag-step-meta muted">
                      {node.kind} · {timing}
                      {record?.exitCode !== null && record?.exitCode !== undefined
                        ? ` · exit ${record.exitCode}`
                        : ''}
                    </span>
                    {node.detail ? <span class="dag-step-detail clip">{node.detail}</span> : null}
                    {node.needs.length > 0 ? (
                      <span class="dag-step-needs muted">after {node.needs.join(', ')}</span>
                    ) : null}
                  </button>
                </li>
              );
            })}
          </ol>
        </li>
      ))}
    </ol>
  );
}
