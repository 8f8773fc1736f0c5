import { describe, expect, it } from 'vitest';
import { FrameDecoder } from './frame-decoder.js';

const frame = (type: number, text: string): Buffer => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe('FrameDecoder', () => {
  it('splits stdout and stderr frames from one chunk', () => {
    const frames = new FrameDecoder().push(Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n')]));
    expect(frames.map((f) => [f.stream, f.payload.toString()])).toEqual([
      ['stdout', 'out\n'],
      ['stderr', 'err\n'],
    ]);
  });

  it('reassembles frames split at every byte boundary', () => {
    const bytes = Buffer.concat([frame(1, 'hello world\n'), frame(2, 'x')]);
    const decoder = new FrameDecoder();
    const out: string[] = [];
    for (let i = 0; i < bytes.length; i++) {
      for (const f of decoder.push(bytes.subarray(i, i + 1))) out.push(`${f.stream}:${f.payload.toString()}`);
    }
    expect(out).toEqual(['stdout:hello world\n', 'stderr:x']);
    expect(decoder.pendingBytes).toBe(0);
  });

  it('keeps an incomplete frame until the rest arrives', () => {
    const decoder = new FrameDecoder();
    const whole = frame(1, 'abcdef');
    expect(decoder.push(whole.subarray(0, 10))).toEqual([]);
    expect(decoder.pendingBytes).toBe(10);
    expect(decoder.push(whole.subarray(10))[0]?.payload.toString()).toBe('abcdef');
  });
});
