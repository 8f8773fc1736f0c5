import { describe, expect, it } from 'vitest';
import { FrameDecoder } from '../../engine/index.js';
import {
  advanceCheckpoint,
  DockerLogLineSplitter,
  parseRfc3339,
  sinceParameter,
  type DockerLogCheckpoint,
  type DockerLogLine,
  type DockerStream,
} from './index.js';

const T1 = '2024-05-01T12:00:00.000000001Z';
const T2 = '2024-05-01T12:00:00.000000002Z';
const T3 = '2024-05-01T12:00:01.000000000Z';
const T4 = '2024-05-01T12:00:02.999999999Z';

interface Message {
  stream: DockerStream;
  timestamp: string;
  /** The text after the prefix, "\n" included when the message ends a line. */
  text: string;
}

const payload = (m: Message): Buffer => Buffer.from(`${m.timestamp} ${m.text}`);
const view = (lines: DockerLogLine[]): [string, string, string][] =>
  lines.map((l) => [l.stream, l.timestamp, l.line]);

function pushAllFrames(splitter: DockerLogLineSplitter, messages: readonly Message[]): DockerLogLine[] {
  const out = messages.flatMap((m) => splitter.pushFrame({ stream: m.stream, payload: payload(m) }));
  return [...out, ...splitter.flush()];
}

/** Docker's multiplexed wire format: 8-byte header then the payload (Engine API, "Stream format"). */
function multiplexed(messages: readonly Message[]): Buffer {
  return Buffer.concat(
    messages.map((m) => {
      const body = payload(m);
      const header = Buffer.alloc(8);
      header[0] = m.stream === 'stdout' ? 1 : 2;
      header.writeUInt32BE(body.length, 4);
      return Buffer.concat([header, body]);
    }),
  );
}

describe('DockerLogLineSplitter', () => {
  it('turns timestamped messages of both streams into lines without their newline', () => {
    const lines = pushAllFrames(new DockerLogLineSplitter(), [
      { stream: 'stdout', timestamp: T1, text: 'hello\n' },
      { stream: 'stderr', timestamp: T2, text: 'oops\n' },
      { stream: 'stdout', timestamp: T3, text: '\n' },
    ]);
    expect(view(lines)).toEqual([
      ['stdout', T1, 'hello'],
      ['stderr', T2, 'oops'],
      ['stdout', T3, ''],
    ]);
    expect(lines[0]).toMatchObject({ timestampNs: 1714564800000000001n, timestampMs: 1714564800000 });
  });

  it('merges partial messages (no trailing newline) into one line with the first timestamp', () => {
    const lines = pushAllFrames(new DockerLogLineSplitter(), [
      { stream: 'stdout', timestamp: T1, text: 'a'.repeat(16384) },
      { stream: 'stderr', timestamp: T2, text: 'between\n' },
      { stream: 'stdout', timestamp: T3, text: 'b'.repeat(16384) },
      { stream: 'stdout', timestamp: T4, text: 'end\n' },
    ]);
    expect(lines.map((l) => [l.stream, l.timestamp, l.line.length, l.messages])).toEqual([
      ['stderr', T2, 7, 1],
      ['stdout', T1, 16384 * 2 + 3, 3],
    ]);
    expect(lines[1]?.line.endsWith('bbbend')).toBe(true);
  });

  it('reassembles lines from multiplexed bytes split at every position, mid-timestamp and mid-UTF-8', () => {
    const messages: Message[] = [
      { stream: 'stdout', timestamp: T1, text: 'grüße 😀 ' },
      { stream: 'stdout', timestamp: T2, text: 'naïve\n' },
      { stream: 'stderr', timestamp: T3, text: '日本語\n' },
    ];
    const bytes = multiplexed(messages);
    const decoder = new FrameDecoder();
    const splitter = new DockerLogLineSplitter();
    const lines: DockerLogLine[] = [];
    for (let i = 0; i < bytes.length; i++) {
      for (const frame of decoder.push(bytes.subarray(i, i + 1))) lines.push(...splitter.pushFrame(frame));
    }
    expect(view(lines)).toEqual([
      ['stdout', T1, 'grüße 😀 naïve'],
      ['stderr', T3, '日本語'],
    ]);
  });

  it('reads a raw TTY stream split at every byte, using the partial size for lines without a newline', () => {
    const text = `${T1} ab€d${T2} ef\r\n${T3} ok\r\n`;
    const bytes = Buffer.from(text);
    const splitter = new DockerLogLineSplitter({ partialMessageBytes: 6 });
    const lines: DockerLogLine[] = [];
    for (let i = 0; i < bytes.length; i++)
      lines.push(...splitter.pushBytes('stdout', bytes.subarray(i, i + 1)));
    expect(view(lines)).toEqual([
      ['stdout', T1, 'ab€def'],
      ['stdout', T3, 'ok'],
    ]);
  });

  it('treats a frame ending without a newline as a partial message whatever its size', () => {
    const lines = pushAllFrames(new DockerLogLineSplitter(), [
      { stream: 'stdout', timestamp: T1, text: 'abc' },
      { stream: 'stdout', timestamp: T1, text: 'def\n' },
    ]);
    expect(lines.map((l) => [l.line, l.messages, l.cursor])).toEqual([
      ['abcdef', 2, { timestamp: T1, count: 2 }],
    ]);
  });

  it('cuts a line at maxLineBytes on a character boundary and marks it truncated', () => {
    const lines = pushAllFrames(new DockerLogLineSplitter({ maxLineBytes: 10 }), [
      { stream: 'stdout', timestamp: T1, text: 'abcdefgh' },
      { stream: 'stdout', timestamp: T2, text: 'ü€xyz\n' },
      { stream: 'stdout', timestamp: T3, text: 'fits\n' },
    ]);
    expect(lines.map((l) => [l.line, l.truncated])).toEqual([
      ['abcdefghü', true],
      ['fits', false],
    ]);
  });

  it('emits a line still waiting for its last message when the stream ends', () => {
    const splitter = new DockerLogLineSplitter();
    expect(splitter.pushFrame({ stream: 'stdout', payload: Buffer.from(`${T1} no newline`) })).toEqual([]);
    expect(view(splitter.flush())).toEqual([['stdout', T1, 'no newline']]);
    expect(splitter.flush()).toEqual([]);
  });

  it('keeps the text of a message without a timestamp prefix, with the stream’s last timestamp', () => {
    const splitter = new DockerLogLineSplitter();
    const lines = pushAllFrames(splitter, [
      { stream: 'stdout', timestamp: T1, text: 'first\n' },
      { stream: 'stdout', timestamp: 'garbage', text: 'second\n' },
    ]);
    expect(view(lines)).toEqual([
      ['stdout', T1, 'first'],
      ['stdout', T1, 'garbage second'],
    ]);
    expect(lines[1]?.cursor).toEqual({ timestamp: T1, count: 2 });
    expect(splitter.malformedPrefixes).toBe(1);
  });

  it('counts the messages consumed at the same timestamp in each line’s cursor', () => {
    const lines = pushAllFrames(new DockerLogLineSplitter(), [
      { stream: 'stdout', timestamp: T1, text: 'a\n' },
      { stream: 'stdout', timestamp: T1, text: 'b\n' },
      { stream: 'stdout', timestamp: T2, text: 'c\n' },
    ]);
    expect(lines.map((l) => l.cursor)).toEqual([
      { timestamp: T1, count: 1 },
      { timestamp: T1, count: 2 },
      { timestamp: T2, count: 1 },
    ]);
  });

  describe('resuming from a checkpoint', () => {
    // Docker repeats the first chunk's timestamp on later chunks of a long line (moby copier.go), and
    // interleaves the two streams.
    const messages: Message[] = [
      { stream: 'stdout', timestamp: T1, text: 'a\n' },
      { stream: 'stderr', timestamp: T1, text: 'e1\n' },
      { stream: 'stdout', timestamp: T2, text: 'xxxx' },
      { stream: 'stderr', timestamp: T2, text: 'e2\n' },
      { stream: 'stdout', timestamp: T2, text: 'yyyy' },
      { stream: 'stdout', timestamp: T2, text: 'zz\n' },
      { stream: 'stdout', timestamp: T3, text: 'b\n' },
      { stream: 'stdout', timestamp: T3, text: 'c\n' },
      { stream: 'stderr', timestamp: T4, text: 'e3\n' },
      { stream: 'stdout', timestamp: T4, text: 'd\n' },
    ];
    const all = pushAllFrames(new DockerLogLineSplitter(), messages);

    /** What Docker sends for `since=<seconds.nanoseconds>`: messages at or after that instant. */
    function dockerSince(checkpoint: DockerLogCheckpoint): Message[] {
      const since = sinceParameter(checkpoint);
      if (since === undefined) return messages;
      const [seconds = '0', nanos = '0'] = since.split('.');
      const sinceNs = BigInt(seconds) * 1_000_000_000n + BigInt(nanos);
      return messages.filter((m) => (parseRfc3339(m.timestamp)?.epochNs ?? 0n) >= sinceNs);
    }

    it.each(Array.from({ length: all.length + 1 }, (_, k) => [k]))(
      'after %i stored lines, a restart yields exactly the lines not yet stored',
      (k) => {
        const stored = all.slice(0, k);
        const checkpoint = stored.reduce<DockerLogCheckpoint>((cp, line) => advanceCheckpoint(cp, line), {});
        const resumed = pushAllFrames(
          new DockerLogLineSplitter({ resumeFrom: checkpoint }),
          dockerSince(checkpoint),
        );
        for (const stream of ['stdout', 'stderr'] as const) {
          const expected = view(all.filter((l) => l.stream === stream));
          const got = view([...stored, ...resumed].filter((l) => l.stream === stream));
          expect(got).toEqual(expected);
        }
      },
    );

    it('continues counting from the checkpoint so a second restart still lines up', () => {
      const checkpoint = advanceCheckpoint({}, all[0] as DockerLogLine);
      const resumed = pushAllFrames(
        new DockerLogLineSplitter({ resumeFrom: checkpoint }),
        dockerSince(checkpoint),
      );
      const fromScratch = all.slice(1);
      expect(resumed.map((l) => l.cursor)).toEqual(fromScratch.map((l) => l.cursor));
    });
  });
});
