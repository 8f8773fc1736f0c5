import { describe, expect, it } from 'vitest';
import { lintDockerfile } from './lint-dockerfile.js';
import { readPragma } from './pragmas.js';

const rules = (text: string, ignore?: string[]): string[] =>
  lintDockerfile(text, { ignore }).map((finding) => `${finding.line}:${finding.rule}`);

const apt = 'RUN apt-get update && apt-get install -y --no-install-recommends curl';

describe('ignore pragmas', () => {
  it('reads rule lists from berth and hadolint pragmas and leaves trailing prose out', () => {
    expect(readPragma('# berth ignore=DL3008,DL3009')).toEqual({
      global: false,
      rules: ['DL3008', 'DL3009'],
    });
    expect(readPragma('#hadolint ignore=dl3008, SC2086 pinned upstream')).toEqual({
      global: false,
      rules: ['DL3008', 'SC2086'],
    });
    expect(readPragma('# berth global ignore=DL3059')).toEqual({ global: true, rules: ['DL3059'] });
    expect(readPragma('# ignore=DL3008')).toBeUndefined();
  });

  it('reports both apt rules without a pragma', () => {
    expect(rules(`FROM debian:12\n${apt}\n`)).toEqual(['2:DL3009', '2:DL3008']);
  });

  it.each([
    ['berth', '# berth ignore=DL3008,DL3009'],
    ['hadolint', '# hadolint ignore=DL3008,DL3009'],
  ])(
    'a %s pragma on the line before an instruction switches the listed rules off for it',
    (_tool, pragma) => {
      expect(rules(`FROM debian:12\n${pragma}\n${apt}\nENV STEP=2\n${apt}\n`)).toEqual([
        '5:DL3009',
        '5:DL3008',
      ]);
    },
  );

  it('switches off only the listed rules', () => {
    expect(rules(`FROM debian:12\n# berth ignore=DL3009\n${apt}\n`)).toEqual(['3:DL3008']);
  });

  it('does not reach over an empty line', () => {
    expect(rules(`FROM debian:12\n# berth ignore=DL3008,DL3009\n\n${apt}\n`)).toEqual([
      '4:DL3009',
      '4:DL3008',
    ]);
  });

  it('applies to findings on continuation and heredoc lines of the instruction', () => {
    const text = 'FROM alpine:3.20\n# berth ignore=DL3018\nRUN <<EOF\nset -e\napk add --no-cache curl\nEOF\n';
    expect(rules(text)).toEqual([]);
  });

  it('a global pragma switches rules off for the whole file', () => {
    expect(rules(`# berth global ignore=DL3008\nFROM debian:12\n${apt}\nENV STEP=2\n${apt}\n`)).toEqual([
      '3:DL3009',
      '5:DL3009',
    ]);
  });

  it('the ignore option switches rules off everywhere, in any case', () => {
    expect(rules(`FROM debian:12\n${apt}\n`, ['dl3009', 'DL3008'])).toEqual([]);
  });
});
