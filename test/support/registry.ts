import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './berth-process.js';
import { waitFor } from './wait-for.js';

/** A real CNCF distribution registry (Debian's `docker-registry`) on 127.0.0.1, with its own storage. */
export interface LocalRegistry {
  address: string;
  stop: () => Promise<void>;
}

export async function startRegistry(): Promise<LocalRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-registry-'));
  const port = await freePort();
  const config = join(dir, 'config.yml');
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log: { level: warn }',
      `storage: { filesystem: { rootdirectory: ${join(dir, 'data')} }, delete: { enabled: true } }`,
      `http: { addr: "127.0.0.1:${port}" }`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('docker-registry', ['serve', config], { stdio: 'ignore' });
  const address = `127.0.0.1:${port}`;
  await waitFor(
    'the registry to answer',
    async () => (await fetch(`http://${address}/v2/`).catch(() => undefined))?.status === 200,
    10_000,
  );
  return {
    address,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) =>
        child.exitCode === null ? child.once('exit', resolve) : resolve(undefined),
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
