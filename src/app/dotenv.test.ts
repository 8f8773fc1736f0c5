import { describe, expect, it } from 'vitest';
import { BerthError } from '../errors/index.js';
import { parseDotenv } from './dotenv.js';

const file = '/p/.env';
const parse = (content: string, env: Record<string, string> = {}) =>
  parseDotenv(content, { file, lookup: (name) => env[name] });

describe('parseDotenv', () => {
  it.each([
    ['A=1', { A: '1' }],
    ['A=1\nB=2\n', { A: '1', B: '2' }],
    ['export A=1', { A: '1' }],
    ['  A = spaced value  ', { A: 'spaced value' }],
    ['A=', { A: '' }],
    ['# comment\n\nA=1 # trailing comment', { A: '1' }],
    ['A=no#comment', { A: 'no#comment' }],
    ["A='single $B \\n literal'", { A: 'single $B \\n literal' }],
    ['A="double\\nline \\"quoted\\" \\$HOME"', { A: 'double\nline "quoted" $HOME' }],
    ['A="multi\nline"', { A: 'multi\nline' }],
    ['A="x" # comment', { A: 'x' }],
    ['A=1\nA=2', { A: '2' }],
    ['A=one\nB=${A}-two', { A: 'one', B: 'one-two' }],
    ['B="${A:-dflt}"', { B: 'dflt' }],
    ['A=x\r\nB=y\r\n', { A: 'x', B: 'y' }],
    ['dotted.key-name=1', { 'dotted.key-name': '1' }],
  ])('parses %j', (content, expected) => {
    expect(parse(content).values).toEqual(expected);
  });

  it('takes a bare KEY from the outside lookup and skips it when unset', () => {
    expect(parse('FROM_ENV\nMISSING\n', { FROM_ENV: 'outside' }).values).toEqual({ FROM_ENV: 'outside' });
  });

  it('lets the outside environment win over earlier definitions when expanding', () => {
    expect(parse('A=file\nB=$A', { A: 'shell' }).values).toEqual({ A: 'file', B: 'shell' });
  });

  it('reports the variables it looked up and those that were unset', () => {
    const result = parse('A=${X}${Y:-y}');
    expect(result.used.sort()).toEqual(['X', 'Y']);
    expect(result.unset).toEqual(['X']);
  });

  it.each([
    ['A=1\nnot a line', 2, 1, 'is not a KEY=VALUE line'],
    ['A=1\n  B="open', 2, 5, 'has no closing "'],
    ["A='x' junk", 1, 6, 'unexpected'],
    ['1A=2', 1, 1, 'is not a KEY=VALUE line'],
  ])('rejects %j at line %i column %i', (content, line, column, message) => {
    let error: unknown;
    try {
      parse(content);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BerthError);
    expect(error).toMatchObject({ code: 'BERTH_COMPOSE_INVALID', position: { file, line, column } });
    expect((error as BerthError).message).toContain(message);
  });

  it('fails with BERTH_COMPOSE_INTERPOLATION for a required variable', () => {
    expect(() => parse('A=${NEED:?set it}')).toThrow(
      expect.objectContaining({
        code: 'BERTH_COMPOSE_INTERPOLATION',
        position: { file, line: 1, column: 3 },
      }),
    );
  });
});
