import { describe, expect, it } from 'vitest';
import { checkRepoUrl, parseRepoUrl } from './repo-url.js';

describe('parseRepoUrl()', () => {
  it.each([
    ['https://github.com/acme/shop.git', 'http'],
    ['http://gitea.local:3000/acme/shop', 'http'],
    ['https://deploy@gitlab.example.com/acme/shop.git', 'http'],
    ['ssh://git@github.com/acme/shop.git', 'ssh'],
    ['ssh://git@git.example.com:2222/acme/shop.git', 'ssh'],
    ['git@github.com:acme/shop.git', 'ssh'],
    ['gitea:acme/shop.git', 'ssh'],
    ['file:///srv/git/shop.git', 'local'],
    ['/srv/git/shop.git', 'local'],
    ['/srv/git/my shop.git', 'local'],
  ])('accepts %s as %s', (url, transport) => {
    expect(parseRepoUrl(url)).toEqual({ ok: true, value: { url, transport } });
  });

  it.each([
    ['', 'is empty'],
    ['--upload-pack=touch /tmp/x', 'starts with "-"'],
    ['-oProxyCommand=x@host:repo', 'starts with "-"'],
    ['ext::sh -c touch% /tmp/x', 'remote helper'],
    ['fd::17', 'remote helper'],
    ['ssh://-oProxyCommand=x/repo', 'starting with "-"'],
    ['ssh://-u@host/repo', 'starting with "-"'],
    ['ssh://host/-repo', 'starting with "-"'],
    ['host:-repo', 'starting with "-"'],
    ['ssh://host', 'has no repository path'],
    ['https://user:secret@github.com/acme/shop.git', 'contains a password'],
    ['https://github.com/acme/shop.git\n--upload-pack=x', 'control character'],
    ['git://github.com/acme/shop.git', 'unsupported scheme "git"'],
    ['ftp://example.com/shop.git', 'unsupported scheme "ftp"'],
    ['file://otherhost/srv/shop.git', 'names a host'],
    ['shop.git', 'is not a git URL'],
    ['../shop.git', 'is not a git URL'],
    ['x'.repeat(3000), 'longer than 2048'],
  ])('refuses %j', (url, reason) => {
    const result = parseRepoUrl(url);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

describe('checkRepoUrl()', () => {
  it('never repeats a password in its message', () => {
    expect(() => checkRepoUrl('https://ci:hunter2@git.example.com/shop.git')).toThrow(
      'repository URL "https://ci:***@git.example.com/shop.git" contains a password',
    );
  });

  it('refuses local paths when they are not allowed', () => {
    expect(() => checkRepoUrl('file:///srv/shop.git', false)).toThrow('is a local path');
    expect(checkRepoUrl('/srv/shop.git', true).transport).toBe('local');
  });
});
