import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretBox } from '../../secrets/index.js';
import { openStore, type RunTrigger, type Store } from '../../store/index.js';
import { GitFixture } from '../source/testing/git-fixture.js';
import { PipelineTriggers } from './pipeline-triggers.js';

let home: string;
let store: Store;
let git: GitFixture;
let triggers: PipelineTriggers | undefined;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'berth-triggers-'));
  store = openStore(home);
  git = new GitFixture();
});
afterEach(() => {
  triggers?.stop();
  store.close();
  git.cleanup();
  rmSync(home, { recursive: true, force: true });
});

describe('PipelineTriggers', () => {
  it('queues a push run for a commit found by polling the remote', async () => {
    const first = git.commit('one', { 'a.txt': '1' });
    git.push('main');
    const second = git.commit('two', { 'a.txt': '2' });
    git.push('main');
    store.pipelines.setSource({
      app: 'shop',
      repoUrl: git.remote,
      branch: 'main',
      forge: null,
      forgeApi: null,
      forgeRepo: null,
      webhookSecret: null,
      forgeToken: null,
      pollSeconds: 10,
    });
    // What the last poll before a restart saw.
    mkdirSync(join(home, 'pipelines', 'shop'), { recursive: true });
    writeFileSync(
      join(home, 'pipelines', 'shop', 'heads.json'),
      JSON.stringify({ 'refs/heads/main': first }),
    );
    const queued: { app: string; trigger: RunTrigger }[] = [];
    triggers = new PipelineTriggers({
      store,
      secretBox: SecretBox.open(home),
      logger: pino({ level: 'silent' }),
      dir: join(home, 'pipelines'),
      enqueue: (app, trigger) => queued.push({ app, trigger }),
    });
    triggers.start();
    await expect.poll(() => queued.length, { timeout: 10_000 }).toBe(1);
    expect(queued[0]).toEqual({
      app: 'shop',
      trigger: {
        event: 'push',
        ref: 'refs/heads/main',
        branch: 'main',
        commit: second,
        before: first,
        sender: 'poll',
        trusted: true,
      },
    });
  });

  it('learns cron entries from the default branch and keeps them across restarts', () => {
    store.pipelines.setSource({
      app: 'shop',
      repoUrl: git.remote,
      branch: 'main',
      forge: null,
      forgeApi: null,
      forgeRepo: null,
      webhookSecret: null,
      forgeToken: null,
      pollSeconds: null,
    });
    const deps = {
      store,
      secretBox: SecretBox.open(home),
      logger: pino({ level: 'silent' }),
      dir: join(home, 'pipelines'),
      enqueue: () => undefined,
    };
    triggers = new PipelineTriggers(deps);
    triggers.start();
    triggers.learnCron('shop', [{ name: 'nightly', schedule: '0 3 * * *' }]);
    triggers.stop();
    const again = new PipelineTriggers(deps);
    triggers = again;
    again.start();
    expect(again.cronJobs().map((j) => j.key)).toEqual(['shop/nightly']);
  });
});
