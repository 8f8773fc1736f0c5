import { describe, expect, it } from 'vitest';
import { classifyGitFailure, gitFailure, gitMessage } from './git-failure.js';

describe('classifyGitFailure()', () => {
  it.each([
    [
      'fatal: remote error: upload-pack: not our ref 0000000000000000000000000000000000000001',
      'refused-want',
    ],
    ['error: Server does not allow request for unadvertised object d721d2de', 'refused-want'],
    ["fatal: couldn't find remote ref nosuch", 'not-found'],
    ['fatal: reference is not a tree: d721d2de', 'not-found'],
    ["fatal: could not read Username for 'https://github.com': terminal prompts disabled", 'auth'],
    ["fatal: Authentication failed for 'https://gitea.local/acme/shop.git/'", 'auth'],
    ['git@github.com: Permission denied (publickey).\nfatal: Could not read from remote repository.', 'auth'],
    ['Host key verification failed.\nfatal: Could not read from remote repository.', 'auth'],
    ["fatal: unable to access 'https://x.invalid/r.git/': Could not resolve host: x.invalid", 'unreachable'],
    ["fatal: '/srv/x.git' does not appear to be a git repository", 'unreachable'],
    [
      "remote: Repository not found.\nfatal: repository 'https://github.com/a/b.git/' not found",
      'unreachable',
    ],
    ['fatal: unable to access: Failed to connect to 127.0.0.1 port 9: Connection refused', 'unreachable'],
    ['fatal: index file corrupt', 'other'],
  ])('%j is %s', (stderr, kind) => {
    expect(classifyGitFailure(stderr)).toBe(kind);
  });
});

describe('gitMessage()', () => {
  it.each([
    ["fatal: couldn't find remote ref nosuch\n", "couldn't find remote ref nosuch"],
    [
      "fatal: '/x' does not appear to be a git repository\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\n",
      "'/x' does not appear to be a git repository; Could not read from remote repository.",
    ],
    ['error: x\nerror: x\n', 'x'],
    ['just a line\n', 'just a line'],
    ['', 'no output'],
  ])('reads %j as %j', (stderr, message) => {
    expect(gitMessage(stderr)).toBe(message);
  });
});

describe('gitFailure()', () => {
  it('says what failed and why, with a hint for the kind of failure', () => {
    const error = gitFailure('fetching "main" from "https://x.invalid/r.git"', {
      exitCode: 128,
      stderr: "fatal: unable to access 'https://x.invalid/r.git/': Could not resolve host: x.invalid\n",
    });
    expect(error.toJSON()).toMatchObject({
      message: `fetching "main" from "https://x.invalid/r.git" failed: unable to access 'https://x.invalid/r.git/': Could not resolve host: x.invalid`,
      hint: 'Check the repository URL and that this machine can reach the git server.',
      details: { kind: 'unreachable', exitCode: 128 },
    });
  });
});
