import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildStepScript, shellQuote } from './step-script.js';

/** Runs a script with the host's /bin/sh, as a step container would. */
const runScript = (script: string) => {
  const result = spawnSync('/bin/sh', ['-c', script], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout };
};

describe('shellQuote', () => {
  it.each([
    ['plain', "'plain'"],
    ['', "''"],
    ["it's", `'it'\\''s'`],
    ['$HOME `id` "x" \\n', `'$HOME \`id\` "x" \\n'`],
  ])('quotes %j as one shell word', (text, quoted) => {
    expect(shellQuote(text)).toBe(quoted);
    expect(runScript(`printf '%s' ${quoted}`).stdout).toBe(text);
  });
});

describe('buildStepScript', () => {
  it('prints each command with "+ " before running it', () => {
    expect(runScript(buildStepScript(['echo one', 'echo two']))).toEqual({
      status: 0,
      stdout: '+ echo one\none\n+ echo two\ntwo\n',
    });
  });

  it('stops at the first failing command with its exit code', () => {
    expect(runScript(buildStepScript(['echo before', 'exit 7', 'echo after']))).toEqual({
      status: 7,
      stdout: '+ echo before\nbefore\n+ exit 7\n',
    });
  });

  it('shows commands with quotes, dollars and backslashes as written, without expanding them', () => {
    const commands = [`echo 'it'"'"'s'`, 'X=1; echo "$X $$"', "printf 'a\\tb\\n'"];
    const { stdout, status } = runScript(buildStepScript(commands));
    expect(status).toBe(0);
    const echoed = stdout.split('\n').filter((line) => line.startsWith('+ '));
    expect(echoed).toEqual(commands.map((command) => `+ ${command}`));
  });

  it('keeps a multi-line command (a YAML block) as one command', () => {
    const { stdout } = runScript(buildStepScript(['for i in 1 2; do\n  echo "n=$i"\ndone']));
    expect(stdout).toBe('+ for i in 1 2; do\n  echo "n=$i"\ndone\nn=1\nn=2\n');
  });
});
