import { BerthError } from '../errors/index.js';
import type { DockerEngine } from '../engine/index.js';
import type { Release, Store } from '../store/index.js';
import { rollbackTarget, rollbackTo } from './rollback.js';

/** The app's current release, if its status is one of `allowed`; else BERTH_ROLLOUT_NOT_PAUSED. */
function currentIn(store: Store, app: string, allowed: readonly Release['status'][], verb: string): Release {
  const current = store.releases.current(app);
  if (!current) {
    throw new BerthError('BERTH_ROLLOUT_NOT_PAUSED', `app "${app}" is down: there is no rollout to ${verb}`, {
      hint: `Deploy it with berth up, or restore a release with berth rollback ${app} --to N.`,
    });
  }
  if (!allowed.includes(current.status)) {
    throw new BerthError(
      'BERTH_ROLLOUT_NOT_PAUSED',
      `release ${current.number} of "${app}" is ${current.status}; only a ${allowed.join(' or ')} release can be ${verb === 'resume' ? 'resumed' : 'aborted'}`,
      { hint: `See berth releases ${app}; to go back to an earlier release use berth rollback ${app}.` },
    );
  }
  return current;
}

/**
 * `berth rollout resume`: a paused release becomes pending again, so the reconciler goes on replacing
 * replicas (or verifies the traffic again). Failures seen before the resume no longer count towards
 * max_failure_ratio, and the progress deadline starts over (issue 3).
 */
export function resumeRollout(store: Store, app: string, actor: string): Release {
  const current = currentIn(store, app, ['paused'], 'resume');
  store.releases.setStatus(app, current.number, 'pending', `resumed by ${actor}`);
  store.events.add(
    app,
    'rollout.resumed',
    `release ${current.number} resumed by ${actor} (was paused: ${current.message ?? ''})`,
    { release: current.number, by: actor },
  );
  return store.releases.get(app, current.number);
}

/**
 * `berth rollout abort`: gives up a paused or pending release and restores the newest verified release
 * before it, as an automatic rollback would (Argo Rollouts' abort). The aborted release is marked
 * `rolled-back` with who aborted it.
 */
export async function abortRollout(
  deps: { store: Store; engine: DockerEngine },
  app: string,
  actor: string,
): Promise<{ release: Release; aborted: Release; restored: number }> {
  const { store } = deps;
  const current = currentIn(store, app, ['paused', 'pending'], 'abort');
  const target = rollbackTarget(store, app, undefined);
  const release = await rollbackTo(
    target,
    `rollback to ${target.number}: release ${current.number} aborted by ${actor}`,
    deps,
  );
  const why = `aborted by ${actor}${current.message ? ` (${current.message})` : ''}; rolled back to release ${target.number}`;
  store.releases.setStatus(app, current.number, 'rolled-back', why);
  store.events.add(app, 'rollout.aborted', `release ${current.number} ${why}`, {
    release: current.number,
    target: target.number,
    by: actor,
  });
  return { release, aborted: store.releases.get(app, current.number), restored: target.number };
}
