import { describe, expect, it } from 'vitest';
import { secretsAvailableTo, type SecretExposureEvent } from './secret-exposure.js';

describe('secretsAvailableTo', () => {
  it.each<[SecretExposureEvent, boolean, RegExp]>([
    [{ kind: 'push', trusted: true }, true, /push is trusted/],
    [{ kind: 'tag', trusted: true }, true, /tag is trusted/],
    [{ kind: 'manual', trusted: true }, true, /manual run is trusted/],
    [{ kind: 'schedule', trusted: true }, true, /schedule is trusted/],
    [{ kind: 'push', trusted: false }, false, /push was not authenticated or approved/],
    [{ kind: 'pull_request', trusted: true, fromFork: false }, true, /branch of the repository/],
    [{ kind: 'pull_request', trusted: true, fromFork: true }, false, /from a fork .* not approved/],
    [{ kind: 'pull_request', trusted: true }, false, /unknown repository/],
    [{ kind: 'pull_request', trusted: true, fromFork: true, approved: true }, true, /maintainer approved/],
    [{ kind: 'pull_request', trusted: false, fromFork: false, approved: true }, false, /not authenticated/],
    [{ kind: 'comment' as never, trusted: true }, false, /unknown trigger "comment"/],
  ])('%j: available=%s', (event, available, reason) => {
    const exposure = secretsAvailableTo(event);
    expect(exposure.available).toBe(available);
    expect(exposure.reason).toMatch(reason);
  });
});
