import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berth, freePort, removeHome, startDaemon, type Daemon } from '../support/berth-process.js';
import { purgeApp, uniqueApp } from '../support/docker-cli.js';
import { gitRemote, type GitRemote } from '../support/git-repo.js';
import { sendGithubPush } from '../support/github-push.js';
import { startRegistry, type LocalRegistry } from '../support/registry.js';
import { testImage } from '../support/test-image.js';
import { waitFor } from '../support/wait-for.js';

const app = uniqueApp('pipe');
const secretValue = 'tok-9f8e7d6c5b4a3210';
let daemon: Daemon;
let registry: LocalRegistry;
let remote: GitRemote;
let webhookSecret: string;
let port: number;
let firstCommit = '';

const cli = (args: string[], input?: string) => berth(args, { env: daemon.env, ...(input ? { input } : {}) });

const files = (version: string, extra = ''): Record<string, string> => ({
  Dockerfile: `FROM ${testImage}\nCOPY index.html /www/index.html\nCMD ["httpd", "-f", "-p", "8080", "-h", "/www"]\n`,
  'index.html': `version ${version}${extra}\n`,
  'compose.yaml': `name: ${app}
services:
  web:
    image: placeholder
    ports: ["127.0.0.1:${port}:8080"]
    stop_grace_period: 1s
    x-berth:
      readiness: { http: { port: 8080, path: /index.html }, period: 1s }
`,
  '.berth/pipeline.yaml': `steps:
  image:
    kind: build
    tags: ['${registry.address}/${app}:\${BERTH_COMMIT_SHORT}']
  test:
    image: ${testImage}
    secrets: [API_TOKEN]
    commands:
      - grep version index.html
      - echo "token is $API_TOKEN"
      - printf '%s' "$API_TOKEN" | base64
      - printf '%s' "$(printf '%s' "$API_TOKEN" | cut -c1-6)"; sleep 0.3; printf '%s\\n' "$(printf '%s' "$API_TOKEN" | cut -c7-)"
  scan:
    kind: scan
    image: ${registry.address}/${app}:\${BERTH_COMMIT_SHORT}
    policy: { severity: critical, secrets: true, dockerfile: none }
  push:
    kind: push
    image: ${registry.address}/${app}:\${BERTH_COMMIT_SHORT}
    username: ci
    password: { from_secret: API_TOKEN }
  approve:
    kind: approval
    message: ship it?
  deploy:
    kind: deploy
    compose: compose.yaml
    images:
      web: ${registry.address}/${app}:\${BERTH_COMMIT_SHORT}
`,
});

/** A GitHub push webhook for `commit`, signed with `secret`. */
const pushHook = (commit: string, before: string, secret: string, delivery: string): Promise<Response> =>
  sendGithubPush({ daemonUrl: daemon.url, app, secret, commit, before, delivery, modified: ['index.html'] });

interface Run {
  number: number;
  status: string;
  steps: { name: string; status: string; decidedBy?: string | null }[];
  releases: number[];
}
const show = async (n: number): Promise<Run> =>
  JSON.parse((await cli(['pipeline', 'show', `${app}/${n}`, '--json'])).stdout) as Run;

beforeAll(async () => {
  registry = await startRegistry();
  port = await freePort();
  remote = gitRemote();
  daemon = await startDaemon();
  const setup = await cli(['pipeline', 'setup', app, '--repo', remote.bare, '--forge', 'github', '--json']);
  expect(setup.code, setup.stderr).toBe(0);
  webhookSecret = (JSON.parse(setup.stdout) as { webhookSecret: string }).webhookSecret;
  const secret = await cli(['secret', 'set', app, 'API_TOKEN'], `${secretValue}\n`);
  expect(secret.code, secret.stderr).toBe(0);
});

afterAll(async () => {
  await daemon?.stop();
  purgeApp(app);
  await registry?.stop();
  remote?.remove();
  if (daemon) removeHome(daemon.home);
});

describe('a push to a git remote with a signed webhook', () => {
  it('runs build -> test -> scan -> push -> approval -> deploy, and the app serves the new version', async () => {
    const commit = remote.commit(files('1'), 'first version');
    firstCommit = commit;
    const wrong = await pushHook(commit, '0'.repeat(40), 'not-the-secret', 'bad-1');
    expect(wrong.status).toBe(401);
    const hook = await pushHook(commit, '0'.repeat(40), webhookSecret, 'd-1');
    expect(hook.status).toBe(202);
    await waitFor(
      'the run to wait for approval',
      async () => (await show(1)).status === 'waiting',
      120_000,
      500,
    );
    const waiting = await show(1);
    expect(waiting.steps.filter((s) => s.status === 'success').map((s) => s.name)).toEqual(
      expect.arrayContaining(['image', 'test', 'scan', 'push']),
    );
    const tags = (await (await fetch(`http://${registry.address}/v2/${app}/tags/list`)).json()) as {
      tags: string[];
    };
    expect(tags.tags).toEqual([commit.slice(0, 8)]);
    const approve = await cli(['pipeline', 'approve', `${app}/1`]);
    expect(approve.code, approve.stderr).toBe(0);
    await waitFor('the run to succeed', async () => (await show(1)).status === 'success', 120_000, 500);
    expect((await show(1)).releases).toHaveLength(1);
    // The approval step's record names who approved it (the admin token here).
    expect((await show(1)).steps.find((s) => s.name === 'approve')).toMatchObject({
      status: 'success',
      decidedBy: 'admin-token',
    });
    expect(await (await fetch(`http://127.0.0.1:${port}/index.html`)).text()).toBe('version 1\n');
    // Only one run exists although a wrongly signed hook came first.
    const runs = JSON.parse((await cli(['pipeline', 'ls', app, '--json'])).stdout) as { runs: unknown[] };
    expect(runs.runs).toHaveLength(1);
  });

  it('never shows the secret in stored logs, whole, split across writes or in base64', async () => {
    const logs = await cli(['pipeline', 'logs', `${app}/1`, '--json']);
    expect(logs.code, logs.stderr).toBe(0);
    expect(logs.stdout).toContain('token is ***');
    // The plain echo, the base64 form and the value written in two pieces are each replaced.
    expect(logs.stdout.split('***').length - 1).toBeGreaterThanOrEqual(3);
    expect(logs.stdout).not.toContain(secretValue);
    expect(logs.stdout).not.toContain(Buffer.from(secretValue).toString('base64'));
  });

  it('stops a run before push when the scan finds a secret in the image', async () => {
    const leaked = `\ntoken: ghp_${'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A'.slice(0, 36)}`;
    const before = firstCommit;
    const commit = remote.commit(files('2', leaked), 'second version');
    const hook = await pushHook(commit, before, webhookSecret, 'd-2');
    expect(hook.status).toBe(202);
    await waitFor('the second run to fail', async () => (await show(2)).status === 'failure', 120_000, 500);
    const run = await show(2);
    expect(run.steps.find((s) => s.name === 'scan')?.status).toBe('failure');
    expect(run.steps.find((s) => s.name === 'push')?.status ?? 'skipped').toBe('skipped');
    expect(await (await fetch(`http://127.0.0.1:${port}/index.html`)).text()).toBe('version 1\n');
  });

  it('runs manually from the CLI and cancels a waiting run', async () => {
    // The tip of main leaks a token (the scan would stop it); build the first, clean commit.
    const run = await cli(['pipeline', 'run', app, '--ref', 'main', '--commit', firstCommit]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`run ${app}/3 queued`);
    await waitFor(
      'the manual run to wait for approval',
      async () => (await show(3)).status === 'waiting',
      120_000,
      500,
    );
    const cancel = await cli(['pipeline', 'cancel', `${app}/3`]);
    expect(cancel.code, cancel.stderr).toBe(0);
    await waitFor('the run to be cancelled', async () => (await show(3)).status === 'cancelled', 30_000, 250);
    const ls = await cli(['pipeline', 'ls', app]);
    expect(ls.stdout).toMatch(new RegExp(`${app}/3\\s+cancelled\\s+manual`));
  });
});
