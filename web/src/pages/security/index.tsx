import type { JSX } from 'preact';
import type { PageProps } from '../../router';

/** Placeholder: the Security page is being built (issue 7). */
export function SecurityPage({ params }: PageProps): JSX.Element {
  const scope = Object.values(params).join(' / ');
  return (
    <section class="page" aria-labelledby="page-title">
      <header class="page-header">
        <h1 id="page-title">Security</h1>
        {scope ? <p class="muted">{scope}</p> : null}
      </header>
      <p class="empty">Coming soon.</p>
    </section>
  );
}
