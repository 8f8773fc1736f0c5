import { api, ApiError, type PipelineRun } from '../../api';
import { runWindow } from './run-format';
import type { PipelineSourceView } from './types';

/** Runs fetched per app for the all-apps list (it pages these; an app's own page has them all). */
export const runsPerApp = 50;
/** Rows per page of an app's runs. */
export const pageSize = 20;

export interface AllRuns {
  sources: PipelineSourceView[];
  runs: PipelineRun[];
  /** Apps whose runs could not be read; the others are still shown. */
  problems: { app: string; error: unknown }[];
}

/** Every app with a pipeline (`GET /pipelines`), then each app's newest runs, merged newest first. */
export async function loadAllRuns(signal: AbortSignal): Promise<AllRuns> {
  const { pipelines } = await api.get<{ pipelines: PipelineSourceView[] }>('/pipelines', { signal });
  const problems: AllRuns['problems'] = [];
  const perApp = await Promise.all(
    pipelines.map(({ app }) =>
      api
        .get<{ runs: PipelineRun[] }>(`/apps/${encodeURIComponent(app)}/pipelines/runs`, {
          signal,
          query: { limit: runsPerApp },
        })
        .then(
          (r) => r.runs,
          (error: unknown) => {
            if (signal.aborted) throw error;
            problems.push({ app, error });
            return [];
          },
        ),
    ),
  );
  const runs = perApp.flat().sort((a, b) => b.createdAt - a.createdAt || a.app.localeCompare(b.app));
  return { sources: pipelines, runs, problems };
}

export interface AppRuns {
  /** Null when the app has no pipeline source (404). */
  source: PipelineSourceView | null;
  runs: PipelineRun[];
  page: number;
  pageCount: number;
}

/** Page `page` of an app's runs, as a window of run numbers (see `runWindow`), and its source. */
export async function loadAppRuns(app: string, page: number, signal: AbortSignal): Promise<AppRuns> {
  const base = `/apps/${encodeURIComponent(app)}`;
  const source = api.get<PipelineSourceView>(`${base}/pipeline`, { signal }).catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  });
  const runsOf = (query: Record<string, number>): Promise<PipelineRun[]> =>
    api.get<{ runs: PipelineRun[] }>(`${base}/pipelines/runs`, { signal, query }).then((r) => r.runs);
  const newestRuns = await runsOf({ limit: page === 1 ? pageSize : 1 });
  const newest = newestRuns[0]?.number ?? 0;
  const window = runWindow(newest, page, pageSize);
  const runs =
    window.before === newest + 1
      ? page === 1
        ? newestRuns
        : await runsOf({ limit: pageSize })
      : (await runsOf({ limit: pageSize, before: window.before })).filter((r) => r.number >= window.from);
  const p = Math.min(Math.max(1, page), window.pageCount);
  return { source: await source, runs, page: p, pageCount: window.pageCount };
}
