import Docker from 'dockerode';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { pipelineOf, recordRun, removeAllOf, tempRun, testImage } from './testing/run-fixture.js';

// Real Docker Engine and the locally built busybox image (test/support/global-setup.ts).
const docker = new Docker();
const instance = `berth-test-runner-output-${process.pid}`;
const run = tempRun();
afterEach(async () => {
  await removeAllOf(docker, instance);
});
afterAll(() => run.remove());

const token = 'tok_3f9a8b7c6d5e4f3a2b1c';
const password = 'correct horse battery staple';

describe('step output on the Docker Engine', () => {
  it('never emits a secret value: plain, split across two writes, base64, on stderr or from_secret', async () => {
    const spec = pipelineOf(
      'steps:',
      '  leak:',
      `    image: ${testImage}`,
      '    secrets: [NPM_TOKEN]',
      '    environment:',
      '      DB_PASSWORD: { from_secret: db_password }',
      '    commands:',
      '      - echo "token is $NPM_TOKEN"',
      `      - printf '%s' "$\${NPM_TOKEN:0:9}"; sleep 0.2; printf '%s\\n' "$\${NPM_TOKEN:9}"`,
      '      - echo -n "$NPM_TOKEN" | base64',
      '      - echo "password=$DB_PASSWORD" >&2',
      '      - echo done',
    );
    const { result, events, log } = await recordRun(
      {
        spec,
        workspaceDir: run.workspaceDir,
        artifactsDir: run.artifactsDir,
        secrets: new Map([
          ['NPM_TOKEN', token],
          ['db_password', password],
        ]),
      },
      { docker, instance },
    );
    expect(result.status).toBe('success');
    const byStream = (stream: string) =>
      events.flatMap((e) => (e.type === 'step-log' && e.stream === stream ? [e.text] : []));
    // stdout and stderr are separate pipes: their relative order is not kept, each one's is.
    expect(byStream('stdout').filter((line) => !line.startsWith('+ '))).toEqual([
      'token is ***',
      '***',
      '***',
      'done',
    ]);
    expect(byStream('stderr')).toEqual(['password=***']);
    expect(log('leak')).toContain('+ echo "token is $NPM_TOKEN"');
    const everything = JSON.stringify(events);
    for (const form of [token, password, Buffer.from(token).toString('base64').slice(0, 30)]) {
      expect(everything).not.toContain(form);
    }
  });

  it('keeps the order and the streams of the lines a step writes', async () => {
    const spec = pipelineOf(
      'steps:',
      '  count:',
      `    image: ${testImage}`,
      '    commands: ["for i in 1 2 3; do echo out-$$i; echo err-$$i >&2; done", printf tail-without-newline]',
    );
    const { events } = await recordRun(
      { spec, workspaceDir: run.workspaceDir, artifactsDir: run.artifactsDir },
      { docker, instance },
    );
    const byStream = (stream: string) =>
      events.flatMap((e) => (e.type === 'step-log' && e.stream === stream ? [e.text] : []));
    expect(byStream('stdout').filter((l) => !l.startsWith('+ '))).toEqual([
      'out-1',
      'out-2',
      'out-3',
      'tail-without-newline',
    ]);
    expect(byStream('stderr')).toEqual(['err-1', 'err-2', 'err-3']);
  });
});
