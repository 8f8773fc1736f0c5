import { describe, expect, it } from 'vitest';
import { parseShell } from './shell-script.js';

const commands = (script: string): Array<[string, ...string[]]> =>
  parseShell(script).commands.map((command) => [command.name, ...command.args]);

describe('parseShell', () => {
  it.each([
    ['a && b || c; d & e', [['a'], ['b'], ['c'], ['d'], ['e']]],
    [
      'apt-get update\napt-get install -y curl',
      [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', 'curl'],
      ],
    ],
    ['echo "a b" \'c d\' e\\ f', [['echo', 'a b', 'c d', 'e f']]],
    ['echo "say \\"hi\\""', [['echo', 'say "hi"']]],
    ['DEBIAN_FRONTEND=noninteractive A+=1 apt-get install x', [['apt-get', 'install', 'x']]],
    ['make > /dev/null 2>&1 < in.txt && make install &>> log', [['make'], ['make', 'install']]],
    ['cat <<EOF > /etc/conf\nkey=value\nEOF\nnginx -t', [['cat'], ['nginx', '-t']]],
    ['cat <<-"X"\n\tmake\n\tX\nls', [['cat'], ['ls']]],
    [
      'if [ -f a ]; then rm a; else touch a; fi',
      [
        ['[', '-f', 'a', ']'],
        ['rm', 'a'],
        ['touch', 'a'],
      ],
    ],
    [
      'for p in a b; do pip install "$p"; done',
      [
        ['for', 'p', 'in', 'a', 'b'],
        ['pip', 'install', '$p'],
      ],
    ],
    ['{ echo a; echo b; } | sort', [['echo', 'a'], ['echo', 'b'], ['sort']]],
    ['(cd /x && make)', [['cd', '/x'], ['make']]],
    [
      'echo a # apt-get install x\necho b',
      [
        ['echo', 'a'],
        ['echo', 'b'],
      ],
    ],
    ['apt-get install \\\n  curl', [['apt-get', 'install', 'curl']]],
    ['echo $((1 + 2)) ${HOME:-/root}', [['echo', '$((1 + 2))', '${HOME:-/root}']]],
  ])('splits %j into its commands', (script, expected) => {
    expect(commands(script)).toEqual(expected);
  });

  it('finds the commands inside $(...), backticks and <(...), pointing at the command they feed', () => {
    const script = parseShell(
      'sh -c "$(curl -fsSL https://x)" && bash <(wget -qO- https://y) && echo `id -u`',
    );
    expect(script.commands.map(({ name, parent }) => [name, parent])).toEqual([
      ['sh', undefined],
      ['curl', 0],
      ['bash', undefined],
      ['wget', 2],
      ['echo', undefined],
      ['id', 4],
    ]);
  });

  it('numbers pipelines and the position of each command in its pipeline', () => {
    const script = parseShell('curl -fsSL https://x | tar -xz && echo a | tee b | wc -l; ls');
    expect(script.hasPipe).toBe(true);
    expect(
      script.commands.map(({ name, pipeline, pipelinePosition }) => [name, pipeline, pipelinePosition]),
    ).toEqual([
      ['curl', 0, 0],
      ['tar', 0, 1],
      ['echo', 1, 0],
      ['tee', 1, 1],
      ['wc', 1, 2],
      ['ls', 2, 0],
    ]);
  });

  it('reports no pipe for || and quoted bars', () => {
    expect(parseShell('a || b; echo "x | y" \'|\'').hasPipe).toBe(false);
  });

  it('gives each command the offset of its first word, shifted by the base offset', () => {
    const script = parseShell('X=1 make &&  make install', 10);
    expect(script.commands.map((command) => command.offset)).toEqual([14, 23]);
  });

  it('never throws on unbalanced quotes or brackets', () => {
    expect(() => parseShell('echo "unterminated $(ls ; `x')).not.toThrow();
    expect(commands("echo 'open")).toEqual([['echo', 'open']]);
  });
});
