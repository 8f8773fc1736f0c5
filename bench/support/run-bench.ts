/** Registers undo steps; they run last-in first-out, each bounded, once. */
export interface Cleanup {
  add: (what: string, undo: () => unknown) => void;
}

const cleanupStepMs = 60_000;

async function runStep(what: string, undo: () => unknown): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.resolve().then(undo),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`took longer than ${cleanupStepMs} ms`)), cleanupStepMs);
      }),
    ]);
  } catch (error) {
    console.error(`cleanup "${what}" failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs one benchmark with a hard deadline. Whatever happens (success, error, deadline, Ctrl-C) the
 * registered cleanups run before exit. Exit code: 0 when the bench ran (targets missed or not), 1 on an
 * error, 2 when the deadline passed, 130 on SIGINT.
 */
export async function runBench(
  name: string,
  options: { deadlineMs: number },
  body: (cleanup: Cleanup) => Promise<void>,
): Promise<never> {
  const steps: { what: string; undo: () => unknown }[] = [];
  let finishing: Promise<never> | undefined;
  const finish = (code: number): Promise<never> =>
    (finishing ??= (async () => {
      clearTimeout(watchdog);
      for (const step of steps.reverse()) await runStep(step.what, step.undo);
      process.exit(code);
    })());
  const watchdog = setTimeout(() => {
    console.error(`${name}: gave up after ${Math.round(options.deadlineMs / 1000)} s; cleaning up`);
    void finish(2);
  }, options.deadlineMs);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`${name}: ${signal}; cleaning up`);
      void finish(130);
    });
  }
  try {
    await body({ add: (what, undo) => void steps.push({ what, undo }) });
  } catch (error) {
    console.error(`${name} failed:`, error);
    return finish(1);
  }
  return finish(0);
}
