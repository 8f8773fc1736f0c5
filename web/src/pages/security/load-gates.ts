import { api, type AppStatus, type PipelineRun, type ReleaseSummary } from '../../api';

/** What the pipeline file said a scan step fails on (src/pipeline/spec/pipeline-spec.ts ScanPolicy). */
export interface ScanPolicyView {
  severity: string;
  secrets: boolean;
  dockerfile: 'all' | 'none' | string[];
  ignore: string[];
}

/** One scan step of the run that made a release: its policy, outcome and counts. */
export interface ScanGate {
  step: string;
  target?: string;
  policy?: ScanPolicyView;
  /** `success` (passed the policy), `failure` (blocked), `skipped`, or `not run`. */
  status: string;
  message: string | null;
  /** Findings per severity (`<step>.summary` output), when the step ran. */
  summary?: Record<string, number>;
  blocking?: number;
}

export interface ReleaseGate {
  release: ReleaseSummary;
  /** The run that made the release (a deploy step), if one did. */
  run?: { app: string; number: number };
  /** Its scan steps; empty when the run had none. */
  scans: ScanGate[];
}

interface RunDetail extends PipelineRun {
  steps: { variant: string; name: string; kind: string; status: string; message: string | null }[];
  outputs: Record<string, string>;
  graph: {
    steps: { name: string; kind: string; target?: string; policy?: ScanPolicyView }[];
  } | null;
}

/** Releases shown per app: the newest ones are what is running or was just replaced. */
export const releasesPerApp = 5;

const parseSummary = (text: string | undefined): Record<string, number> | undefined => {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as Record<string, number>;
  } catch {
    return undefined;
  }
};

/** The scan steps of a run with what the pipeline file asked of them and what they found. */
export function scanGates(run: RunDetail): ScanGate[] {
  const specs = run.graph?.steps.filter((s) => s.kind === 'scan') ?? [];
  const recorded = run.steps.filter((s) => s.kind === 'scan');
  const names = [...new Set([...specs.map((s) => s.name), ...recorded.map((s) => s.name)])];
  return names.map((step) => {
    const spec = specs.find((s) => s.name === step);
    const record = recorded.find((s) => s.name === step);
    const blocking = run.outputs[`${step}.blocking`];
    const summary = parseSummary(run.outputs[`${step}.summary`]);
    return {
      step,
      ...(spec?.target ? { target: spec.target } : {}),
      ...(spec?.policy ? { policy: spec.policy } : {}),
      status: record?.status ?? 'not run',
      message: record?.message ?? null,
      ...(summary ? { summary } : {}),
      ...(blocking === undefined ? {} : { blocking: Number(blocking) }),
    };
  });
}

/**
 * The newest releases of each app (or of `onlyApp`) with the scan policy that gated them. Releases
 * record no scan themselves: a release made by a pipeline's deploy step names its run (`pipelineRun`,
 * the run's id), and that run's scan steps are the gate. The run id is matched to its app and number
 * through the runs of every app with a pipeline.
 */
export async function loadReleaseGates(
  onlyApp: string | undefined,
  signal: AbortSignal,
): Promise<ReleaseGate[]> {
  const { apps } = await api.get<{ apps: AppStatus[] }>('/apps', { signal });
  const names = apps.map((a) => a.app).filter((a) => onlyApp === undefined || a === onlyApp);
  const releases = (
    await Promise.all(
      names.map((app) =>
        api
          .get<{ releases: ReleaseSummary[] }>(`/apps/${encodeURIComponent(app)}/releases`, { signal })
          .then((r) => r.releases.slice(0, releasesPerApp)),
      ),
    )
  ).flat();
  const wanted = new Set(releases.flatMap((r) => (r.pipelineRun === null ? [] : [r.pipelineRun])));
  const runById = new Map<number, { app: string; number: number }>();
  if (wanted.size > 0) {
    const { pipelines } = await api.get<{ pipelines: { app: string }[] }>('/pipelines', { signal });
    const runs = await Promise.all(
      pipelines.map(({ app }) =>
        api
          .get<{ runs: PipelineRun[] }>(`/apps/${encodeURIComponent(app)}/pipelines/runs`, {
            signal,
            query: { limit: 500 },
          })
          .then((r) => r.runs),
      ),
    );
    for (const run of runs.flat())
      if (wanted.has(run.id)) runById.set(run.id, { app: run.app, number: run.number });
  }
  const details = new Map<number, RunDetail>();
  await Promise.all(
    [...runById].map(async ([id, run]) => {
      const detail = await api.get<RunDetail>(
        `/apps/${encodeURIComponent(run.app)}/pipelines/runs/${run.number}`,
        { signal },
      );
      details.set(id, detail);
    }),
  );
  return releases
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
    .map((release) => {
      const run = release.pipelineRun === null ? undefined : runById.get(release.pipelineRun);
      const detail = release.pipelineRun === null ? undefined : details.get(release.pipelineRun);
      return { release, ...(run ? { run } : {}), scans: detail ? scanGates(detail) : [] };
    });
}
