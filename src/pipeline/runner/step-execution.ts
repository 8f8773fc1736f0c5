import type { SecretMasker } from '../masking/index.js';
import type { ReportSummary } from '../spec/index.js';
import type { RunInput, RunnerDeps } from './runner-types.js';
import type { StepOutput } from './step-output.js';

/** How a step that started ended. */
export interface StepExecution {
  readonly status: 'success' | 'failure' | 'cancelled';
  readonly exitCode?: number;
  readonly message?: string;
  readonly reports?: ReportSummary[];
  readonly artifacts?: string[];
  readonly outputs?: Readonly<Record<string, string>>;
}

/** Why a step's signal was aborted: the run was cancelled, or the step's `timeout` passed. */
export type StepStopReason = 'cancelled' | 'timeout';

/** What a step executor gets. */
export interface StepRunContext {
  readonly input: RunInput;
  readonly deps: RunnerDeps;
  readonly masker: SecretMasker;
  readonly output: StepOutput;
  /** The run network; absent when the run has no run step and no service. */
  readonly network?: string;
  /** Outputs of the steps this one waits for (directly or not). */
  readonly outputs: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Aborted with a {@link StepStopReason}. */
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
}

/** The result of a step stopped by its signal. */
export function stoppedExecution(ctx: StepRunContext, exitCode?: number): StepExecution {
  const code = exitCode === undefined ? {} : { exitCode };
  if ((ctx.signal.reason as StepStopReason) === 'timeout') {
    return {
      status: 'failure',
      ...code,
      message: `the step took longer than its timeout (${formatDuration(ctx.timeoutMs)})`,
    };
  }
  return { status: 'cancelled', ...code, message: 'the run was cancelled' };
}

/** `90000` → `1m30s`. */
export function formatDuration(ms: number): string {
  const units: [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ];
  let rest = Math.round(ms);
  let text = '';
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * size;
  }
  return text === '' ? '0s' : text;
}
