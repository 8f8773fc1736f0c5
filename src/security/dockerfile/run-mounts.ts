import type { DockerfileInstruction } from './dockerfile-types.js';

/**
 * Targets of `RUN --mount=type=cache,target=...` mounts. A cache mount keeps package caches out of the layer,
 * so cache-cleanup rules have nothing to ask for there (BuildKit `--mount` syntax).
 */
export function cacheMountTargets(instruction: DockerfileInstruction): string[] {
  return instruction.flags.flatMap((flag) => {
    if (flag.name !== 'mount' || flag.value === undefined) return [];
    const options = new Map(
      flag.value.split(',').map((option) => {
        const equals = option.indexOf('=');
        return equals < 0 ? [option, ''] : [option.slice(0, equals), option.slice(equals + 1)];
      }),
    );
    const target = options.get('target') ?? options.get('dst') ?? options.get('destination');
    return options.get('type') === 'cache' && target !== undefined ? [target] : [];
  });
}

/** A cache mount covers `directory` (or a parent of it). */
export function hasCacheMount(instruction: DockerfileInstruction, directory: string): boolean {
  return cacheMountTargets(instruction).some((target) => {
    const base = target.replace(/\/+$/, '');
    return directory === base || directory.startsWith(`${base}/`);
  });
}
