import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berth, removeHome, startDaemon, type Daemon } from '../support/berth-process.js';

/** Issue 7 item 1 from the command line: `berth user`, `berth login`, `berth token`, `berth audit`. */
let daemon: Daemon;

beforeAll(async () => {
  daemon = await startDaemon();
});

afterAll(async () => {
  await daemon?.stop();
  if (daemon) removeHome(daemon.home);
});

describe('users, tokens and the audit log through the CLI', () => {
  it('adds users, hands a viewer a token that can read but not change, revokes it, and audits it all', async () => {
    const admin = { env: daemon.env };
    const add = await berth(['user', 'add', 'vera', '--role', 'viewer'], {
      ...admin,
      input: 'viewer password 42\n',
    });
    expect(add.code, add.stderr).toBe(0);
    const short = await berth(['user', 'add', 'tim', '--role', 'deployer'], { ...admin, input: 'short\n' });
    expect(short.code).not.toBe(0);
    expect(short.stderr).toMatch(/12 characters/);

    const users = await berth(['user', 'ls', '--json'], admin);
    expect(JSON.parse(users.stdout)).toMatchObject({
      users: [expect.objectContaining({ name: 'vera', role: 'viewer', apps: null })],
    });

    const created = await berth(
      ['token', 'create', 'ci-reader', '--user', 'vera', '--days', '7', '--json'],
      admin,
    );
    expect(created.code, created.stderr).toBe(0);
    const token = JSON.parse(created.stdout) as { id: number; token: string; user: string };
    expect(token).toMatchObject({ user: 'vera', token: expect.stringMatching(/^berth_/) });
    const asVera = { env: { ...daemon.env, BERTH_TOKEN: token.token } };

    const read = await berth(['releases', 'nope'], asVera);
    expect(read.stderr).not.toMatch(/BERTH_FORBIDDEN|needs the/);
    const change = await berth(['scale', 'nope', 'web=2'], asVera);
    expect(change.code).not.toBe(0);
    expect(change.stderr).toMatch(/needs the deployer role; vera is a viewer/);
    const audit = await berth(['audit', '--json'], asVera);
    expect(audit.code).not.toBe(0);

    const listed = await berth(['token', 'ls', '--all', '--json'], admin);
    expect(JSON.parse(listed.stdout)).toMatchObject({
      tokens: [expect.objectContaining({ id: token.id, name: 'ci-reader', revokedAt: null })],
    });
    expect(listed.stdout).not.toContain(token.token);
    const revoke = await berth(['token', 'revoke', String(token.id)], admin);
    expect(revoke.code, revoke.stderr).toBe(0);
    const after = await berth(['ps', '--json'], asVera);
    expect(after.code).not.toBe(0);
    expect(after.stderr).toMatch(/BERTH_UNAUTHORIZED|token/i);

    const denied = await berth(['audit', '--user', 'vera', '--outcome', 'denied', '--json'], admin);
    const entries = (
      JSON.parse(denied.stdout) as { entries: { actor: string; action: string; target: string }[] }
    ).entries;
    expect(entries.map((e) => `${e.actor} ${e.action} ${e.target}`)).toEqual(
      expect.arrayContaining(['vera POST /api/v1/apps/nope/scale']),
    );
    expect(entries.every((e) => e.actor === 'vera')).toBe(true);
    const table = await berth(['audit', '--limit', '50'], admin);
    expect(table.stdout).toMatch(/admin-token\s+POST\s+\/api\/v1\/users/);
    expect(table.stdout).toMatch(/admin-token\s+DELETE\s+\/api\/v1\/tokens\//);

    const removed = await berth(['user', 'rm', 'vera'], admin);
    expect(removed.code, removed.stderr).toBe(0);
    expect(JSON.parse((await berth(['user', 'ls', '--json'], admin)).stdout)).toEqual({ users: [] });
  });
});
