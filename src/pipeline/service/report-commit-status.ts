import type { SecretBox } from '../../secrets/index.js';
import { forgeTokenName } from '../../secrets/index.js';
import type { PipelineRun, Store } from '../../store/index.js';
import { commitStatusRequest, isForge, sendCommitStatus } from '../webhooks/index.js';

/**
 * The service's `reportStatus`: when the app's source names a forge, its API, the repository and a
 * token, the run's state is set on its commit (context `berth/<app>`, linking to the run in the API).
 */
export function commitStatusReporter(deps: {
  store: Store;
  secretBox: SecretBox;
  externalUrl: string;
}): (run: PipelineRun, state: 'pending' | 'success' | 'failure' | 'error') => Promise<void> {
  return async (run, state) => {
    const source = deps.store.pipelines.source(run.app);
    if (
      !source?.forge ||
      !isForge(source.forge) ||
      !source.forgeApi ||
      !source.forgeRepo ||
      !source.forgeToken
    )
      return;
    if (!run.commit) return;
    const request = commitStatusRequest(source.forge, {
      apiBase: source.forgeApi,
      repo: source.forgeRepo,
      sha: run.commit,
      state,
      targetUrl: `${deps.externalUrl}/api/v1/apps/${run.app}/pipelines/runs/${run.number}`,
      description: `run ${run.number}: ${run.status}`,
      context: `berth/${run.app}`,
      token: deps.secretBox.decrypt(run.app, forgeTokenName, source.forgeToken),
    });
    await sendCommitStatus(request);
  };
}
