import type { PipelineRun } from '../../api';

/**
 * The Pipelines page's view of the API (src/server/routes/pipelines.ts, docs/pipelines.md). Times are
 * epoch milliseconds. Written by hand: the browser program must not import server code.
 */

/** `GET /pipelines` (`{pipelines}`): an app's pipeline source, without its secrets. */
export interface PipelineSourceView {
  app: string;
  repoUrl: string;
  branch: string;
  forge: string | null;
  webhookPath?: string;
  updatedAt: number;
}

/** One step of one matrix variant as recorded (`steps` of a run): only steps that started or were skipped. */
export interface StepRecord {
  variant: string;
  name: string;
  kind: string;
  /** `running`, `success`, `failure`, `skipped`, `cancelled`. */
  status: string;
  exitCode: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  message: string | null;
  reports: ReportSummary[] | null;
  artifacts: string[] | null;
  decidedBy: string | null;
}

export interface ScanPolicyView {
  severity: string;
  secrets: boolean;
  dockerfile: 'all' | 'none' | string[];
  ignore: string[];
}

/** `graph.steps[]`: a step of the pipeline file with what it waits for. */
export interface GraphStep {
  name: string;
  kind: string;
  needs: string[];
  message?: string;
  role?: string;
  target?: string;
  policy?: ScanPolicyView;
}

export interface RunGraph {
  variants: string[];
  steps: GraphStep[];
}

/** `GET /apps/{app}/pipelines/runs/{n}`. */
export interface RunDetail extends PipelineRun {
  trigger: PipelineRun['trigger'] & { tag?: string; cron?: string; commit?: string };
  active: boolean;
  steps: StepRecord[];
  releases: number[];
  outputs: Record<string, string>;
  /** Null before the checkout, or when the commit's pipeline file does not load. */
  graph: RunGraph | null;
}

/** A JUnit or SARIF report summary kept with a step (src/pipeline/spec/report-summary.ts). */
export interface ReportSummary {
  kind: 'junit' | 'sarif';
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  bySeverity: Partial<Record<string, number>>;
  findings: ReportFinding[];
  omittedFindings: number;
}

export interface ReportFinding {
  message: string;
  file?: string;
  line?: number;
  rule?: string;
  severity?: string;
  test?: string;
}

/** What the run's log stream sends (`GET .../logs?follow=1`, events `run`, `step`, `log`, then `end`). */
export type RunEvent =
  | { type: 'run'; status: string; message?: string; at?: number }
  | {
      type: 'step';
      variant: string;
      step: string;
      kind?: string;
      status: string;
      exitCode?: number;
      message?: string;
      at?: number;
    }
  | { type: 'log'; variant: string; step: string; stream: 'stdout' | 'stderr'; text: string; at?: number };
