import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { createContainer } from './create-container.js';
import { engineFailure, ignoreGone } from './engine-failure.js';
import type { StepOutput } from './step-output.js';

export interface RunContainerOptions {
  readonly docker: Docker;
  readonly spec: Docker.ContainerCreateOptions;
  readonly output: StepOutput;
  /** Aborting stops the container (SIGTERM, then SIGKILL after `stopGraceSeconds`). */
  readonly signal: AbortSignal;
  readonly stopGraceSeconds: number;
}

export interface ContainerExit {
  /** The process's exit code; absent when the container never started. */
  readonly exitCode?: number;
  /** True when `signal` stopped it. */
  readonly stopped: boolean;
}

/** How long to wait for the attach stream to drain once the container has exited. */
const drainMs = 2000;

/**
 * Runs a container to its end: create (pulling the image if needed), attach before start so no output
 * is lost, start, wait for the exit code, and always remove it (with its anonymous volumes), also when
 * stopped or when something fails. Output goes to `output` as it comes.
 */
export async function runContainer(options: RunContainerOptions): Promise<ContainerExit> {
  const { docker, spec, output, signal } = options;
  if (signal.aborted) return { stopped: true };
  const container = await createContainer(docker, spec, (line) => output.system(line), signal);
  let started = false;
  let stopping: Promise<void> | undefined;
  const stop = (): void => {
    stopping ??= ignoreGone(() => container.stop({ t: options.stopGraceSeconds }), 'stop container').catch(
      () => undefined,
    );
  };
  const onAbort = (): void => {
    if (started) stop();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const stream = (await container.attach({
      stream: true,
      stdout: true,
      stderr: true,
    })) as unknown as Readable;
    const drained = new Promise<void>((resolve) => {
      stream.on('data', (chunk: Buffer) => output.push(chunk));
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', () => resolve());
    });
    if (signal.aborted) return { stopped: true };
    try {
      await container.start();
    } catch (error) {
      throw engineFailure(error, `start container "${spec.name ?? ''}"`);
    }
    started = true;
    if (signal.aborted) stop();
    const result = (await container.wait()) as { StatusCode?: number };
    await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, drainMs).unref())]);
    stream.destroy();
    output.end();
    await stopping;
    return { exitCode: result.StatusCode ?? -1, stopped: signal.aborted };
  } finally {
    signal.removeEventListener('abort', onAbort);
    output.end();
    await ignoreGone(() => container.remove({ force: true, v: true }), 'remove container').catch(
      () => undefined,
    );
  }
}
