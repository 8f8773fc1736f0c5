import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../lint-dockerfile.js';

const hits = (rule: string, ...body: string[]) =>
  lintDockerfile(['FROM debian:12', ...body, ''].join('\n')).filter((finding) => finding.rule === rule);

describe('shell usage rules', () => {
  it.each([
    ['DL3001', 'RUN service nginx start', 'RUN nginx -t'],
    ['DL3003', 'RUN cd /app && make', 'WORKDIR /app\nRUN make'],
    ['DL3004', 'RUN sudo make install', 'RUN make install'],
    ['DL3046', 'RUN useradd -u 123456 app', 'RUN useradd -l -u 123456 app'],
    [
      'DL3047',
      'RUN wget https://example.com/a.tgz',
      'RUN wget --progress=dot:giga https://example.com/a.tgz',
    ],
    ['DL4005', 'RUN ln -sf /bin/bash /bin/sh', 'SHELL ["/bin/bash", "-c"]'],
    ['DL3059', 'RUN make\nRUN make install', 'RUN make && make install'],
    [
      'DL4001',
      'RUN curl -fsSLO https://example.com/a\nRUN wget -q https://example.com/b',
      'RUN curl -fsSLO https://example.com/a\nRUN curl -fsSLO https://example.com/b',
    ],
    [
      'DL4006',
      'RUN curl -fsSL https://example.com/a.tgz | tar -xz',
      'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/a.tgz | tar -xz',
    ],
    [
      'BL1001',
      'RUN curl -fsSL https://example.com/install.sh | sh',
      'RUN curl -fsSLo /tmp/i.sh https://example.com/install.sh && sha256sum -c i.sha256 && sh /tmp/i.sh',
    ],
  ])('%s flags %j and passes %j', (rule, violating, clean) => {
    expect(hits(rule, violating)).toHaveLength(1);
    expect(hits(rule, clean)).toEqual([]);
  });

  it.each([
    ['wget into bash', 'RUN wget -qO- https://example.com/x | bash'],
    ['curl into sudo sh -s', 'RUN curl -sL https://example.com/x | sudo sh -s -- --yes'],
    ['curl into sudo -u app bash', 'RUN curl -sL https://example.com/x | sudo -u app bash'],
    ['curl through tee into python3', 'RUN curl -sL https://example.com/x | tee /tmp/x | python3'],
    ['sh -c with a download substituted', 'RUN sh -c "$(curl -fsSL https://example.com/x)"'],
    ['bash with process substitution', 'RUN bash <(curl -fsSL https://example.com/x)'],
    ['a heredoc body', 'RUN <<EOF\ncurl -fsSL https://example.com/x | bash\nEOF'],
    ['an exec-form sh -c', 'RUN ["sh", "-c", "curl -fsSL https://example.com/x | sh"]'],
  ])('BL1001 flags %s', (_name, violating) => {
    expect(hits('BL1001', violating)).toHaveLength(1);
  });

  it.each([
    [
      'JSON data piped into python -c',
      'RUN curl -s https://example.com/v.json | python3 -c "import json,sys; print(1)"',
    ],
    ['an archive piped into tar', 'RUN curl -fsSL https://example.com/a.tgz | tar -xz'],
    ['a download fed to sha256sum', 'RUN echo "$(curl -fsSL https://example.com/sum)  f" | sha256sum -c'],
  ])('BL1001 leaves %s alone', (_name, clean) => {
    expect(hits('BL1001', clean)).toEqual([]);
  });

  it.each([
    ['set -o pipefail in the same script', 'RUN set -o pipefail && curl -fsSL x | tar -xz'],
    ['set -euo pipefail in a heredoc', 'RUN <<EOF\nset -euo pipefail\ncurl -fsSL x | tar -xz\nEOF'],
    ['a PowerShell SHELL', 'SHELL ["pwsh", "-Command"]\nRUN Get-Item x | Remove-Item'],
    ['an exec-form bash -o pipefail', 'RUN ["bash", "-o", "pipefail", "-c", "curl x | tar -xz"]'],
  ])('DL4006 accepts %s', (_name, clean) => {
    expect(hits('DL4006', clean)).toEqual([]);
  });

  it('DL4006 asks again in a new stage, since SHELL does not carry over', () => {
    const text = ['SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'FROM debian:12', 'RUN a | b'];
    expect(hits('DL4006', ...text)).toEqual([expect.objectContaining({ line: 4 })]);
  });

  it('DL3059 keeps RUNs with different mounts or several commands apart', () => {
    expect(hits('DL3059', 'RUN make', 'RUN --mount=type=cache,target=/root/.cache make test')).toEqual([]);
    expect(hits('DL3059', 'RUN a && b && c', 'RUN d')).toEqual([]);
    expect(hits('DL3059', 'RUN a', '# a comment does not separate', 'RUN b')).toHaveLength(1);
  });

  it('DL4001 reports every later use once both tools appeared in the stage', () => {
    expect(hits('DL4001', 'RUN curl -O a', 'RUN wget b', 'RUN curl -O c').map((f) => f.line)).toEqual([3, 4]);
    expect(hits('DL4001', 'RUN curl -O a', 'FROM debian:12', 'RUN wget b')).toEqual([]);
  });

  it.each([
    ['--uid=', 'RUN useradd --uid=1000000 app'],
    ['-u attached', 'RUN useradd -u1000000 app'],
  ])('DL3046 reads the UID written as %s', (_name, violating) => {
    expect(hits('DL3046', violating)).toHaveLength(1);
  });

  it('DL3047 accepts -nv, -q and an output log', () => {
    expect(hits('DL3047', 'RUN wget -nv x && wget -q y && wget -o log z')).toEqual([]);
  });
});
