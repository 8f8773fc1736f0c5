import { describe, expect, it } from 'vitest';
import { parseDockerfile } from './parse-dockerfile.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

describe('parseDockerfile heredocs', () => {
  it('reads a RUN heredoc body and resumes parsing after its delimiter', () => {
    const doc = parseDockerfile(
      lines('FROM alpine:3.20', 'RUN <<EOF', 'apk add curl', 'echo done', 'EOF', 'USER app'),
    );
    expect(doc.instructions[1]).toMatchObject({ keyword: 'RUN', line: 2, endLine: 5 });
    expect(doc.instructions[1]?.heredocs).toEqual([
      {
        name: 'EOF',
        quoted: false,
        stripTabs: false,
        content: 'apk add curl\necho done\n',
        startLine: 3,
        endLine: 5,
        terminated: true,
      },
    ]);
    expect(doc.instructions[2]).toMatchObject({ keyword: 'USER', line: 6 });
  });

  it('does not read lines that look like instructions inside a body as instructions', () => {
    const doc = parseDockerfile(
      lines('FROM alpine:3.20', 'COPY <<EOF /etc/motd', 'USER root', 'FROM evil', 'EOF'),
    );
    expect(doc.instructions.map((instruction) => instruction.keyword)).toEqual(['FROM', 'COPY']);
    expect(doc.stages).toHaveLength(1);
    expect(doc.instructions[1]?.heredocs[0]?.content).toBe('USER root\nFROM evil\n');
  });

  it('reads several heredocs of one instruction in order', () => {
    const doc = parseDockerfile(
      lines(
        'COPY <<robots.txt <<humans.txt /usr/share/nginx/html/',
        'User-agent: *',
        'robots.txt',
        'Jane',
        'humans.txt',
      ),
    );
    expect(
      doc.instructions[0]?.heredocs.map(({ name, content, startLine, endLine }) => ({
        name,
        content,
        startLine,
        endLine,
      })),
    ).toEqual([
      { name: 'robots.txt', content: 'User-agent: *\n', startLine: 2, endLine: 3 },
      { name: 'humans.txt', content: 'Jane\n', startLine: 4, endLine: 5 },
    ]);
    expect(doc.instructions[0]?.endLine).toBe(5);
  });

  it('strips leading tabs from the body and the delimiter with <<-', () => {
    const doc = parseDockerfile(lines('RUN <<-EOT', '\techo one', '\t\techo two', '\tEOT', 'USER app'));
    expect(doc.instructions[0]?.heredocs[0]).toMatchObject({
      stripTabs: true,
      content: 'echo one\necho two\n',
      endLine: 4,
    });
    expect(doc.instructions[1]?.line).toBe(5);
  });

  it('records quoted delimiters, which turn off expansion', () => {
    const doc = parseDockerfile(
      lines(`RUN <<'EOF' python3`, 'print("$HOME")', 'EOF', 'RUN <<"X"', 'echo', 'X'),
    );
    expect(doc.instructions.map((instruction) => instruction.heredocs[0]?.quoted)).toEqual([true, true]);
    expect(doc.instructions[0]?.heredocs[0]?.content).toBe('print("$HOME")\n');
  });

  it('finds the heredoc after continuation lines and takes the body from the following line', () => {
    const doc = parseDockerfile(
      lines('RUN --mount=type=cache,target=/var/cache/apk \\', '    <<EOF sh', 'apk add curl', 'EOF'),
    );
    expect(doc.instructions[0]).toMatchObject({ line: 1, endLine: 4 });
    expect(doc.instructions[0]?.heredocs[0]).toMatchObject({ content: 'apk add curl\n', startLine: 3 });
  });

  it('accepts an empty body', () => {
    const doc = parseDockerfile(lines('RUN <<EMPTY', 'EMPTY', 'USER app'));
    expect(doc.instructions[0]?.heredocs[0]).toMatchObject({
      content: '',
      startLine: 2,
      endLine: 2,
      terminated: true,
    });
    expect(doc.instructions[1]?.line).toBe(3);
  });

  it.each([
    ['the exec form', 'RUN ["<<EOF"]'],
    ['a quoted word', 'RUN "<<NOHEREDOC"'],
    ['a here-string', 'RUN cat <<<EOF'],
    ['a shift inside arithmetic', 'RUN echo $((1 <<2))'],
    ['an instruction without heredoc support', 'USER <<EOF'],
  ])('does not take %s for a heredoc', (_name, instruction) => {
    const doc = parseDockerfile(lines(instruction, 'USER app'));
    expect(doc.instructions[0]?.heredocs).toEqual([]);
    expect(doc.instructions).toHaveLength(2);
  });

  it('reports a heredoc that is never closed and takes the rest of the file', () => {
    const doc = parseDockerfile(lines('FROM alpine:3.20', 'RUN <<EOF', 'echo hi', 'USER app'));
    expect(doc.instructions).toHaveLength(2);
    expect(doc.instructions[1]?.heredocs[0]).toMatchObject({
      terminated: false,
      content: 'echo hi\nUSER app\n',
      endLine: 4,
    });
    expect(doc.problems).toEqual([
      { line: 3, message: 'heredoc "EOF" is never closed; add a line with only "EOF" after its body' },
    ]);
  });
});
