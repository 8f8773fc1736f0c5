import type Docker from 'dockerode';
import type {
  ApprovalStep,
  BuildStep,
  DeployStep,
  PipelineSpec,
  PushStep,
  ReportSummary,
  ResourcesSpec,
  ScanStep,
  TriggerContext,
} from '../spec/index.js';

/** What started the run, as `when` conditions see it, plus the commit being built. */
export interface RunTrigger extends TriggerContext {
  /** The full commit SHA checked out in the workspace. */
  readonly commit: string;
}

/** Bounds the runner enforces; every field has a default. */
export interface RunLimits {
  /** Steps of parallel DAG branches running at once; default 2 (one per core of a small host). */
  readonly maxParallelSteps?: number;
  /** How long a cancelled or timed-out container gets between SIGTERM and SIGKILL; default 1. */
  readonly stopGraceSeconds?: number;
  /** Total size of the artifacts a step may keep; default 100 MiB. */
  readonly maxArtifactBytes?: number;
  /** Number of artifact files a step may keep; default 10,000. */
  readonly maxArtifactFiles?: number;
  /**
   * A ceiling on what any step or service may ask for in `resources`, so a pipeline cannot take the
   * CPU or memory of the apps running on the same host; default: none.
   */
  readonly maxResources?: ResourcesSpec;
  /** Process limit of each container (fork bombs); default 4096. */
  readonly pidsLimit?: number;
}

/** One variant of a pipeline (after `expandMatrix`) and everything the run may use. */
export interface RunInput {
  /** Unique id of the run; part of container, network and label values. */
  readonly runId: string;
  readonly app: string;
  readonly spec: PipelineSpec;
  readonly trigger: RunTrigger;
  /** Absolute host folder holding the checkout, mounted at `/workspace` in every run step. */
  readonly workspaceDir: string;
  /** Host folder artifacts are copied to, as `<artifactsDir>/<step>/<path>`. */
  readonly artifactsDir: string;
  /** Secret name → value, already filtered to what this run may see; every value is masked in output. */
  readonly secrets: ReadonlyMap<string, string>;
  /** `BERTH_*` run variables, set in every step's environment. */
  readonly variables: Readonly<Record<string, string>>;
  /** Resources of a container whose spec has none. */
  readonly defaults: ResourcesSpec;
  readonly limits?: RunLimits;
}

/** What a built-in step returns; `outputs` become `BERTH_OUTPUT_<STEP>_<KEY>` in later steps. */
export interface StepOutcome {
  readonly status: 'success' | 'failure';
  readonly message?: string;
  readonly outputs?: Readonly<Record<string, string>>;
}

/** What a built-in handler may use. */
export interface BuiltinContext {
  readonly runId: string;
  readonly app: string;
  readonly workspaceDir: string;
  readonly trigger: RunTrigger;
  readonly variables: Readonly<Record<string, string>>;
  /** Outputs of the steps this one waits for (directly or not), by step name. */
  readonly outputs: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Adds a line to the step's log; secret values in it are masked. */
  log(line: string): void;
  /** The value of a secret this run may see, or undefined. */
  secret(name: string): string | undefined;
  /** Aborted when the run is cancelled or the step times out. */
  readonly signal: AbortSignal;
}

export type BuiltinHandler<S> = (step: S, ctx: BuiltinContext) => Promise<StepOutcome>;

/** Implementations of the built-in step kinds, provided by the integrator. */
export interface BuiltinHandlers {
  readonly build: BuiltinHandler<BuildStep>;
  readonly scan: BuiltinHandler<ScanStep>;
  readonly push: BuiltinHandler<PushStep>;
  readonly deploy: BuiltinHandler<DeployStep>;
  readonly approval: BuiltinHandler<ApprovalStep>;
}

export type StepRunStatus = 'success' | 'failure' | 'skipped' | 'cancelled';
export type RunStatus = 'success' | 'failure' | 'cancelled';

/** `system` lines are written by the runner itself (pulling an image, a timeout, a report verdict). */
export type LogStream = 'stdout' | 'stderr' | 'system';

/** How a step ended, as sent in `step-finished` and kept in the run result. */
export interface StepResult {
  readonly step: string;
  readonly status: StepRunStatus;
  /** The container's exit code (run steps that ran). */
  readonly exitCode?: number;
  readonly durationMs: number;
  /** Why the step failed or was skipped, in words; secrets masked. */
  readonly message?: string;
  readonly reports?: readonly ReportSummary[];
  /** Paths relative to `<artifactsDir>/<step>/`. */
  readonly artifacts?: readonly string[];
  readonly outputs?: Readonly<Record<string, string>>;
}

/** The event protocol of a run, in order per step: started, log lines, finished. */
export type RunEvent =
  | { readonly type: 'step-started'; readonly runId: string; readonly step: string; readonly kind: string }
  | {
      readonly type: 'step-log';
      readonly runId: string;
      readonly step: string;
      readonly stream: LogStream;
      /** One line without its newline, secrets already masked. */
      readonly text: string;
    }
  | ({ readonly type: 'step-finished'; readonly runId: string } & StepResult)
  | ({ readonly type: 'run-finished' } & RunResult);

/** The outcome of `runPipeline`. */
export interface RunResult {
  readonly runId: string;
  readonly status: RunStatus;
  readonly durationMs: number;
  /** Every step in file order, including skipped ones. */
  readonly steps: readonly StepResult[];
  /** Outputs of built-in steps, by step name. */
  readonly outputs: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Summaries of the top-level `reports`, read after the last step. */
  readonly reports: readonly ReportSummary[];
  /** Why the run failed when no step says so (engine unreachable, a top-level report gate); secrets masked. */
  readonly message?: string;
}

export interface RunnerDeps {
  readonly docker: Docker;
  /** Value of the `dev.berth.instance` label on every object the run creates. */
  readonly instance: string;
  readonly builtins: BuiltinHandlers;
  /** Receives every event; it must not throw (an exception is dropped so the run still cleans up). */
  readonly onEvent: (event: RunEvent) => void;
}
