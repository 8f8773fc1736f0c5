import { describe, expect, it } from 'vitest';
import { authorizationHeader, gitEnvironment, secretsOf } from './git-env.js';

describe('gitEnvironment()', () => {
  it('drops variables that would point git at another repository or prompt for input', () => {
    const env = gitEnvironment({
      PATH: '/opt/bin',
      HOME: '/home/berth',
      GIT_DIR: '/elsewhere/.git',
      GIT_WORK_TREE: '/elsewhere',
      GIT_CONFIG_PARAMETERS: "'core.hookspath'='/tmp/evil'",
      GIT_ASKPASS: '/usr/bin/ksshaskpass',
      SSH_ASKPASS: '/usr/bin/ksshaskpass',
      GIT_SSL_CAINFO: '/etc/ssl/corp.pem',
      LANG: 'de_DE.UTF-8',
      UNSET: undefined,
    });
    expect(env).toEqual({
      PATH: '/opt/bin',
      HOME: '/home/berth',
      GIT_SSL_CAINFO: '/etc/ssl/corp.pem',
      LC_ALL: 'C',
      GIT_TERMINAL_PROMPT: '0',
      SSH_ASKPASS_REQUIRE: 'never',
      GIT_SSH_COMMAND: 'ssh -o BatchMode=yes',
    });
  });

  it('keeps a GIT_SSH_COMMAND the caller chose and supplies a PATH when none is given', () => {
    const env = gitEnvironment({ GIT_SSH_COMMAND: 'ssh -i /keys/deploy -o BatchMode=yes' });
    expect(env['GIT_SSH_COMMAND']).toBe('ssh -i /keys/deploy -o BatchMode=yes');
    expect(env['PATH']).toBe('/usr/local/bin:/usr/bin:/bin');
  });

  it('passes the token as environment-only config for http.extraHeader', () => {
    const env = gitEnvironment({ PATH: '/bin' }, { token: 's3cret' });
    expect(env).toMatchObject({
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.extraHeader',
      GIT_CONFIG_VALUE_0: 'Authorization: Bearer s3cret',
    });
  });
});

describe('authorizationHeader() and secretsOf()', () => {
  it.each([
    [{ token: 't1' }, 'Authorization: Bearer t1', ['t1']],
    [
      { token: 't2', scheme: 'basic' as const },
      `Authorization: Basic ${Buffer.from('x-access-token:t2').toString('base64')}`,
      ['t2', Buffer.from('x-access-token:t2').toString('base64')],
    ],
  ])('%j', (credentials, header, secrets) => {
    expect(authorizationHeader(credentials)).toBe(header);
    expect(secretsOf(credentials)).toEqual(secrets);
  });
});
