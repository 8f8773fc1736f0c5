import { execFileSync } from 'node:child_process';
import { ensureTestImage } from './test-image.js';

/** Integration tests need a running Docker Engine and the locally built test image. */
export default function setup(): void {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      'integration tests need a running Docker Engine: run `bash scripts/start-docker.sh` first',
    );
  }
  ensureTestImage();
}
