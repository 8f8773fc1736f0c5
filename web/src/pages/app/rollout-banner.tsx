import type { JSX } from 'preact';
import { api } from '../../api';
import { ConfirmButton } from '../../components';
import type { Release } from './release-view';

/**
 * Shown while the current release is paused (a rollout policy stopped it, docs/orchestrator.md): why,
 * and for deployers Resume or Abort (which restores the last verified release).
 */
export function RolloutBanner({
  app,
  release,
  mayChange,
  onChanged,
}: {
  app: string;
  release: Release;
  mayChange: boolean;
  onChanged: () => void;
}): JSX.Element {
  const path = `/apps/${encodeURIComponent(app)}/rollout`;
  return (
    <div class="banner banner-warn rollout-banner" role="status">
      <div>
        <strong class="banner-title">Release #{release.number} is paused</strong>
        {release.message ? <p class="banner-message">{release.message}</p> : null}
        {!mayChange ? <p class="banner-hint">A deployer can resume or abort it.</p> : null}
      </div>
      {mayChange ? (
        <div class="rollout-actions">
          <ConfirmButton
            question={`Resume release #${release.number}?`}
            confirmLabel="Resume"
            onConfirm={async () => {
              await api.post(`${path}/resume`);
              onChanged();
            }}
          >
            Resume
          </ConfirmButton>
          <ConfirmButton
            question={`Abort release #${release.number} and restore the last verified one?`}
            confirmLabel="Abort"
            danger
            onConfirm={async () => {
              await api.post(`${path}/abort`);
              onChanged();
            }}
          >
            Abort
          </ConfirmButton>
        </div>
      ) : null}
    </div>
  );
}
