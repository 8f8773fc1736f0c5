import type { JSX } from 'preact';
import { ScrollRegion } from '../../components';
import { Link } from '../../router';
import { useSettingsApp } from './parts/app-picker';

const pushStep = `steps:
  push:
    kind: push
    image: registry.example.com/shop/web:\${BERTH_COMMIT_SHORT}
    registry: registry.example.com
    username: ci-bot
    password: { from_secret: REGISTRY_PASSWORD }`;

/**
 * Registries have no settings of their own in Berth (there is no registry API): a pipeline's push
 * step names its registry and takes the password from an app secret, and deploys pull without
 * credentials. This section says so and links to where the credentials live.
 */
export function RegistriesSection(): JSX.Element {
  const { app } = useSettingsApp();
  const secretsHref = `/settings?tab=secrets${app ? `&app=${encodeURIComponent(app)}` : ''}`;
  return (
    <div class="settings-section registries">
      <p class="banner banner-warn">
        Berth keeps no list of registries: credentials belong to the pipeline step that pushes, and are stored
        as that app’s secrets.
      </p>
      <div class="grid-2">
        <section aria-labelledby="push-title">
          <h3 id="push-title">Pushing from a pipeline</h3>
          <p>
            A <code>kind: push</code> step logs in to <code>registry</code> (default: the image’s registry)
            with <code>username</code> and a <code>password</code> read from a secret. Set that secret under{' '}
            <Link href={secretsHref}>Secrets</Link>
            {app ? (
              <>
                {' '}
                for <strong>{app}</strong>
              </>
            ) : null}
            , e.g. <code>REGISTRY_PASSWORD</code> (a registry token is better than a password).
          </p>
          <ScrollRegion class="code-block" label="Example push step in .berth/pipeline.yaml">
            <pre>
              <code>{pushStep}</code>
            </pre>
          </ScrollRegion>
        </section>
        <section aria-labelledby="pull-title">
          <h3 id="pull-title">Pulling when deploying</h3>
          <p>
            Deploys (<code>berth up</code>, the dashboard, a pipeline’s deploy step) pull images that are not
            on the host without credentials. For a private image, build it in a pipeline (it stays on the
            host), or <code>docker pull</code> it on the host first; <code>pull_policy: never</code> in the
            Compose file keeps Berth from pulling.
          </p>
          <p class="muted">
            Reference: <code>docs/pipeline.md</code> (“kind: push”) and <code>docs/pipelines.md</code>{' '}
            (“Secrets”).
          </p>
        </section>
      </div>
    </div>
  );
}
