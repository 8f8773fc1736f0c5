import type { FindingSeverity } from '../../security/index.js';

/*
 * The typed, frozen model of `.berth/pipeline.yaml` (docs/pipeline.md). The YAML is Woodpecker-like
 * (https://woodpecker-ci.org/docs/usage/workflow-syntax); field names here are camelCase, durations are
 * milliseconds and sizes are bytes.
 */

/** Events that start a run (issue 6). */
export const pipelineEvents = ['push', 'tag', 'manual', 'cron'] as const;
export type PipelineEvent = (typeof pipelineEvents)[number];

/** The status a step sees: `failure` when a step it waits for (directly or not) failed. */
export const stepStatuses = ['success', 'failure'] as const;
export type StepStatus = (typeof stepStatuses)[number];

/** Include/exclude lists; an empty `include` means "everything not excluded". */
export interface Filter {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

export interface PathFilter extends Filter {
  /** Whether the condition holds when the change touches no file at all (Woodpecker's `on_empty`). */
  readonly onEmpty: boolean;
}

/** One `when` entry: every condition it sets must hold (AND); a step's entries are OR-ed. */
export interface WhenClause {
  readonly event?: Filter;
  /** Glob patterns on the branch name. */
  readonly branch?: Filter;
  /** Glob patterns on the tag name. */
  readonly tag?: Filter;
  /** Names of in-file `cron` entries. */
  readonly cron?: Filter;
  /** Glob patterns on the changed files. */
  readonly path?: PathFilter;
  /** Defaults to `['success']`. */
  readonly status: readonly StepStatus[];
}

/** An environment value: text, or the value of a secret stored in Berth. */
export type EnvValue = string | { readonly fromSecret: string };

export interface CacheSpec {
  /** Template such as `npm-{{ hashFiles('package-lock.json') }}`; see `evaluateCacheKey`. */
  readonly key: string;
  /** Absolute path inside the step's container where the volume is mounted. */
  readonly path: string;
}

export const reportFormats = ['junit', 'sarif'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** `failure` (JUnit: any failed or errored test) or a SARIF level threshold; `none` never fails. */
export type ReportFailOn = 'none' | 'failure' | 'error' | 'warning' | 'note';

export interface ReportSpec {
  readonly format: ReportFormat;
  /** Glob relative to the workspace. */
  readonly path: string;
  readonly failOn: ReportFailOn;
}

export interface ResourcesSpec {
  readonly cpus: number;
  readonly memoryBytes: number;
}

export const stepKinds = ['run', 'build', 'scan', 'push', 'deploy', 'approval'] as const;
export type StepKind = (typeof stepKinds)[number];

/** Fields every step kind has. */
export interface StepBase {
  readonly name: string;
  readonly when: readonly WhenClause[];
  /** As written; empty when the step has no `depends_on`. */
  readonly dependsOn: readonly string[];
  readonly timeoutMs: number;
  /** `failure: ignore`: the step may fail without failing the run or its dependents. */
  readonly ignoreFailure: boolean;
}

/** A container that runs shell commands in the workspace. */
export interface RunStep extends StepBase {
  readonly kind: 'run';
  readonly image: string;
  readonly commands: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly environment: Readonly<Record<string, EnvValue>>;
  /** Secret names, each exposed as an environment variable of the same name. */
  readonly secrets: readonly string[];
  readonly cache: readonly CacheSpec[];
  /** Globs relative to the workspace, kept with the run. */
  readonly artifacts: readonly string[];
  readonly reports: readonly ReportSpec[];
  readonly resources: ResourcesSpec;
}

/** Builds a Dockerfile into an image through the Engine API. */
export interface BuildStep extends StepBase {
  readonly kind: 'build';
  readonly context: string;
  /** Relative to `context`. */
  readonly dockerfile: string;
  readonly tags: readonly string[];
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly target?: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface ScanPolicy {
  /** Fail on a vulnerability at or above this severity; `none` never fails on vulnerabilities. */
  readonly severity: FindingSeverity | 'none';
  /** Fail on any detected secret. */
  readonly secrets: boolean;
  /** Dockerfile rule ids that fail the step, or `all` / `none`. */
  readonly dockerfile: 'all' | 'none' | readonly string[];
  /** Finding ids (CVE, GHSA, rule ids) that never fail the step. */
  readonly ignore: readonly string[];
}

/** Runs the Berth scanner on an image or a workspace folder. */
export interface ScanStep extends StepBase {
  readonly kind: 'scan';
  readonly target: { readonly image: string } | { readonly path: string };
  readonly policy: ScanPolicy;
}

/** Pushes an image to a registry. */
export interface PushStep extends StepBase {
  readonly kind: 'push';
  readonly image: string;
  /** More tags of the same image to push. */
  readonly tags: readonly string[];
  /** Registry host; defaults to the image reference's. */
  readonly registry?: string;
  readonly username?: EnvValue;
  readonly password?: { readonly fromSecret: string };
}

/** `berth up` of the app's Compose file with new images, optionally waiting for a verified release. */
export interface DeployStep extends StepBase {
  readonly kind: 'deploy';
  readonly compose: string;
  readonly app?: string;
  /** Compose service name → image reference to deploy. */
  readonly images: Readonly<Record<string, string>>;
  readonly wait: boolean;
}

export const approverRoles = ['deployer', 'admin'] as const;
export type ApproverRole = (typeof approverRoles)[number];

/** Pauses the run until a user with `role` (or a higher one) approves or rejects it. */
export interface ApprovalStep extends StepBase {
  readonly kind: 'approval';
  readonly message?: string;
  readonly role: ApproverRole;
}

export type StepSpec = RunStep | BuildStep | ScanStep | PushStep | DeployStep | ApprovalStep;

/** A detached container started before the steps, reachable by its name. */
export interface ServiceSpec {
  readonly name: string;
  readonly image: string;
  readonly commands: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly environment: Readonly<Record<string, EnvValue>>;
  readonly secrets: readonly string[];
  readonly resources: ResourcesSpec;
}

/** An in-file schedule; runs start with event `cron` and `cron: <name>`. */
export interface CronEntry {
  readonly name: string;
  /** Five-field expression or macro, validated by `parseCron`. */
  readonly schedule: string;
  readonly branch?: string;
}

/** One combination of matrix axis values, e.g. `{ NODE: '20', DB: 'postgres' }`. */
export type MatrixCombination = Readonly<Record<string, string>>;

export interface PipelineSpec {
  /** The file name used in messages. */
  readonly file: string;
  /** Empty: the pipeline runs on every event. */
  readonly when: readonly WhenClause[];
  /** In file order. */
  readonly steps: readonly StepSpec[];
  readonly services: readonly ServiceSpec[];
  /** Empty when there is no matrix. */
  readonly matrix: readonly MatrixCombination[];
  readonly cron: readonly CronEntry[];
  /** Reports collected from the workspace when every step has finished. */
  readonly reports: readonly ReportSpec[];
  /** True when some step declares `depends_on`: steps then form a DAG instead of running in order. */
  readonly dag: boolean;
}
