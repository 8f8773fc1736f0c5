import type { JSX } from 'preact';
import { Link, useQuery, type PageProps } from '../../router';
import { useSession } from '../../session';
import { AuditSection } from './audit-section';
import { RegistriesSection } from './registries-section';
import { SecretsSection } from './secrets-section';
import './settings.css';
import { tabOf, tabs, type TabKey } from './settings-logic';
import { TokensSection } from './tokens-section';
import { UsersSection } from './users-section';
import { WebhooksSection } from './webhooks-section';

const sections: Readonly<Record<TabKey, () => JSX.Element>> = {
  users: UsersSection,
  tokens: TokensSection,
  secrets: SecretsSection,
  registries: RegistriesSection,
  webhooks: WebhooksSection,
  audit: AuditSection,
};

/** Which tabs need more than the user's role allows, to mark them in the menu. */
const adminOnly: ReadonlySet<TabKey> = new Set(['users', 'audit']);

/**
 * Settings: users, API tokens, secrets, registries, webhooks and the audit log, one section at a time
 * (`?tab=`). The app chosen in a per-app section (`?app=`) is kept when switching sections.
 */
export function SettingsPage(_props: PageProps): JSX.Element {
  const { user } = useSession();
  const query = useQuery();
  const tab = tabOf(query.get('tab'), user.role === 'admin');
  const app = query.get('app');
  const Section = sections[tab];
  const current = tabs.find((t) => t.key === tab)!;
  return (
    <section class="page settings-page" aria-labelledby="page-title" data-testid="settings">
      <header class="page-header">
        <h1 id="page-title">Settings</h1>
        <p class="muted">
          Signed in as <strong>{user.name}</strong> ({user.role}
          {user.apps ? `, apps: ${user.apps.join(', ')}` : ''})
        </p>
      </header>
      <nav class="settings-tabs" aria-label="Settings sections">
        <ul>
          {tabs.map((t) => (
            <li key={t.key}>
              <Link
                href={`/settings?tab=${t.key}${app ? `&app=${encodeURIComponent(app)}` : ''}`}
                class={t.key === tab ? 'settings-tab active' : 'settings-tab'}
                aria-current={t.key === tab ? 'page' : undefined}
              >
                {t.label}
                {adminOnly.has(t.key) && user.role !== 'admin' ? <span class="muted"> (admin)</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section class="card" aria-labelledby="settings-section-title">
        <h2 id="settings-section-title">{current.label}</h2>
        <Section key={tab} />
      </section>
    </section>
  );
}
