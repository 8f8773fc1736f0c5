import type { ResourcesSpec } from '../spec/index.js';
import type { RunLimits } from './runner-types.js';

/** `RunLimits` with every default filled in. */
export interface ResolvedRunLimits {
  readonly maxParallelSteps: number;
  readonly stopGraceSeconds: number;
  readonly maxArtifactBytes: number;
  readonly maxArtifactFiles: number;
  readonly pidsLimit: number;
  readonly maxResources?: ResourcesSpec;
}

export const defaultRunLimits = {
  maxParallelSteps: 2,
  stopGraceSeconds: 1,
  maxArtifactBytes: 100 * 1024 * 1024,
  maxArtifactFiles: 10_000,
  pidsLimit: 4096,
} as const;

/** The limits of a run: what the caller set, defaults for the rest. */
export function resolveRunLimits(limits: RunLimits = {}): ResolvedRunLimits {
  return {
    maxParallelSteps: limits.maxParallelSteps ?? defaultRunLimits.maxParallelSteps,
    stopGraceSeconds: limits.stopGraceSeconds ?? defaultRunLimits.stopGraceSeconds,
    maxArtifactBytes: limits.maxArtifactBytes ?? defaultRunLimits.maxArtifactBytes,
    maxArtifactFiles: limits.maxArtifactFiles ?? defaultRunLimits.maxArtifactFiles,
    pidsLimit: limits.pidsLimit ?? defaultRunLimits.pidsLimit,
    ...(limits.maxResources === undefined ? {} : { maxResources: limits.maxResources }),
  };
}
