import type { JSX } from 'preact';
import type { PageProps } from '../../router';
import { AllRunsView } from './all-runs';
import { AppRunsView } from './app-runs';
import { RunView } from './run-view';
import './pipelines.css';

/**
 * Pipelines (issue 7): `/pipelines` lists runs of every app, `/apps/:app/pipelines` one app's runs,
 * `/apps/:app/pipelines/:run` one run with its DAG, live step logs, approvals and reports. The same
 * component serves all three, so the views are keyed by their params.
 */
export function PipelinesPage({ params }: PageProps): JSX.Element {
  const { app, run } = params;
  if (app !== undefined && run !== undefined) return <RunView key={`${app}/${run}`} app={app} number={run} />;
  if (app !== undefined) return <AppRunsView key={app} app={app} />;
  return <AllRunsView />;
}
