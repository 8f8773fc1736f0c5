import { describe, expect, it } from 'vitest';
import { SecretMasker } from '../masking/index.js';
import { StepOutput } from './step-output.js';

/** A frame of Docker's multiplexed stream (Engine API "Stream format"). */
const frame = (stream: 1 | 2, text: string): Buffer => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

const secret = 'tok_3f9a8b7c6d5e';

function outputOf(chunks: Buffer[]): [string, string][] {
  const lines: [string, string][] = [];
  const output = new StepOutput(new SecretMasker([{ name: 'TOKEN', value: secret }]), (stream, text) =>
    lines.push([stream, text]),
  );
  for (const chunk of chunks) output.push(chunk);
  output.end();
  return lines;
}

describe('StepOutput', () => {
  it('masks a secret split across two frames of the same stream', () => {
    expect(outputOf([frame(1, `token ${secret.slice(0, 6)}`), frame(1, `${secret.slice(6)} ok\n`)])).toEqual([
      ['stdout', 'token *** ok'],
    ]);
  });

  it('masks a secret whatever the chunking of the multiplexed bytes', () => {
    const bytes = Buffer.concat([frame(1, `a ${secret}\n`), frame(2, `b ${secret}\n`), frame(1, 'c')]);
    for (let size = 1; size <= 9; size++) {
      const chunks: Buffer[] = [];
      for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
      expect(outputOf(chunks)).toEqual([
        ['stdout', 'a ***'],
        ['stderr', 'b ***'],
        ['stdout', 'c'],
      ]);
    }
  });

  it('masks the base64 form of a secret', () => {
    expect(outputOf([frame(1, `${Buffer.from(secret).toString('base64')}\n`)])).toEqual([['stdout', '***']]);
  });

  it('masks the runner own lines too, one event per line', () => {
    const lines: [string, string][] = [];
    const output = new StepOutput(new SecretMasker([secret]), (stream, text) => lines.push([stream, text]));
    output.system(`engine said: bad env TOKEN=${secret}\nsecond line`);
    expect(lines).toEqual([
      ['system', 'engine said: bad env TOKEN=***'],
      ['system', 'second line'],
    ]);
  });

  it('works without any secret', () => {
    const lines: [string, string][] = [];
    const output = new StepOutput(new SecretMasker([]), (stream, text) => lines.push([stream, text]));
    output.push(frame(1, 'plain\n'));
    output.end();
    expect(lines).toEqual([['stdout', 'plain']]);
  });
});
