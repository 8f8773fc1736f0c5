import { deepFreeze } from './deep-freeze.js';
import type { MatrixCombination, PipelineSpec } from './pipeline-spec.js';
import { substitute, type RunVariableName } from './template.js';

/** One pipeline of a matrix: its axis values and the spec with `${AXIS}` substituted. */
export interface PipelineVariant {
  /** `NODE=20 DB=postgres` (axes in file order); empty without a matrix. */
  readonly name: string;
  readonly axes: MatrixCombination;
  /** The pipeline for these axes; its own `matrix` is empty. */
  readonly spec: PipelineSpec;
}

export type RunVariables = Partial<Record<RunVariableName, string>>;

/** Fields that hold names, conditions or policy, never substituted. */
const fixedKeys = new Set([
  'name',
  'kind',
  'when',
  'dependsOn',
  'secrets',
  'fromSecret',
  'policy',
  'role',
  'format',
  'failOn',
]);

/**
 * One pipeline per matrix combination (one pipeline without a matrix), with `${NAME}` replaced in the
 * values of steps, services and reports by the axis values and the given run variables; names Berth
 * does not know stay as written (see template.ts).
 *
 * @example
 * expandMatrix(spec, { BERTH_COMMIT_SHORT: 'abc1234' }).map((v) => v.name); // ['NODE=20', 'NODE=22']
 */
export function expandMatrix(spec: PipelineSpec, run: RunVariables = {}): PipelineVariant[] {
  const combinations = spec.matrix.length === 0 ? [{}] : spec.matrix;
  return combinations.map((axes) => {
    const variables: Record<string, string> = {};
    for (const [name, value] of Object.entries(run)) if (value !== undefined) variables[name] = value;
    Object.assign(variables, axes);
    const apply = <T>(value: T): T => substituteDeep(value, variables);
    const variant: PipelineSpec = {
      ...spec,
      steps: apply(spec.steps),
      services: apply(spec.services),
      reports: apply(spec.reports),
      matrix: [],
    };
    const name = Object.entries(axes)
      .map(([axis, value]) => `${axis}=${value}`)
      .join(' ');
    return deepFreeze({ name, axes, spec: variant });
  });
}

function substituteDeep<T>(value: T, variables: Readonly<Record<string, string>>): T {
  if (typeof value === 'string') return substitute(value, variables) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => substituteDeep(item, variables)) as T;
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      copy[key] = fixedKeys.has(key) ? child : substituteDeep(child, variables);
    }
    return copy as T;
  }
  return value;
}
