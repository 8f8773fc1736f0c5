import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { SessionUser } from '../api';
import { Link, useLocation } from '../router';
import { activeSection, navItems } from './nav-items';

/**
 * The page frame: skip link, the main navigation (a sidebar at desktop widths, a top bar with a menu
 * button on phones), the logged-in user with role and a logout button, and `<main>` for the page.
 *
 * @example
 * <Layout user={session.user} onLogout={logout}><RouteOutlet routes={routes} /></Layout>
 */
export function Layout({
  user,
  onLogout,
  children,
}: {
  user: SessionUser;
  onLogout: () => void;
  children: ComponentChildren;
}): JSX.Element {
  const { path } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const section = activeSection(path);
  useEffect(() => setMenuOpen(false), [path]);
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <div class="shell">
        <header class="topbar">
          <Link href="/" class="brand">
            <span class="brand-mark" aria-hidden="true" />
            Berth
          </Link>
          <button
            type="button"
            class="button button-ghost menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            {menuOpen ? 'Close' : 'Menu'}
          </button>
        </header>
        <nav id="main-nav" class={menuOpen ? 'sidebar open' : 'sidebar'} aria-label="Main">
          <ul class="nav-list">
            {navItems.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  class={section === item.href ? 'nav-link active' : 'nav-link'}
                  {...(section === item.href ? { 'aria-current': 'page' } : {})}
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
          <div class="user-box">
            <div class="user-name" title={user.name}>
              {user.name}
            </div>
            <div class="user-role muted">
              {user.role}
              {user.apps ? ` · ${user.apps.join(', ')}` : ''}
            </div>
            <button type="button" class="button button-small" onClick={onLogout}>
              Log out
            </button>
          </div>
        </nav>
        <main id="main" class="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </>
  );
}
