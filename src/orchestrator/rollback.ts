import { BerthError } from '../errors/index.js';
import type { DockerEngine } from '../engine/index.js';
import type { Release, Store } from '../store/index.js';

/**
 * Creates a new release that runs `target`'s spec and exact images again. Releases stay immutable:
 * a rollback is a new number whose reason names the release it restores.
 */
export async function rollbackTo(
  target: Release,
  reason: string,
  deps: { store: Store; engine: DockerEngine },
): Promise<Release> {
  for (const [service, image] of Object.entries(target.images)) {
    if (!(await deps.engine.findImage(image.id))) {
      throw new BerthError(
        'BERTH_IMAGE_NOT_FOUND',
        `release ${target.number} of "${target.app}" needs image ${image.id.slice(0, 19)} for "${service}", which is no longer on the engine`,
        {
          hint: 'Rebuild or load that image, or roll back to another release (berth releases APP).',
        },
      );
    }
  }
  const app = deps.store.releases.getApp(target.app);
  const release = deps.store.releases.create({
    spec: target.spec,
    images: target.images,
    reason,
    projectDir: app.projectDir,
  });
  deps.store.events.add(
    target.app,
    'release.rollback',
    `release ${release.number} restores release ${target.number}: ${reason}`,
    {
      release: release.number,
      target: target.number,
    },
  );
  return release;
}

/** The release a rollback goes to: `--to N`, or the newest verified release before the current one. */
export function rollbackTarget(store: Store, app: string, to: number | undefined): Release {
  const current = store.releases.getApp(app).currentRelease;
  if (to !== undefined) return store.releases.get(app, to);
  const target = store.releases.lastVerified(app, current ?? Number.MAX_SAFE_INTEGER);
  if (!target) {
    throw new BerthError(
      'BERTH_RELEASE_NOT_FOUND',
      `app "${app}" has no earlier release that was ever ready`,
      {
        hint: `Name one explicitly: berth rollback ${app} --to N (see berth releases ${app}).`,
      },
    );
  }
  return target;
}
