import { canaryProgress } from '../orchestrator/index.js';
import type { Release } from '../store/index.js';

/**
 * The release as lists show it (the full spec is served by GET .../releases/{n}). `runNumber` turns the
 * deploying pipeline run's id into the number users see (`berth pipeline show app/N`, dashboard links).
 */
export function releaseSummary(
  release: Release,
  runNumber?: (runId: number) => number | undefined,
): Record<string, unknown> {
  return {
    app: release.app,
    number: release.number,
    createdAt: new Date(release.createdAt).toISOString(),
    reason: release.reason,
    status: release.status,
    message: release.message,
    verifiedAt: release.verifiedAt === null ? null : new Date(release.verifiedAt).toISOString(),
    pipelineRun: release.pipelineRun,
    pipelineRunNumber: release.pipelineRun === null ? null : (runNumber?.(release.pipelineRun) ?? null),
    // Only for releases with canary services: each one's steps and the step its message names.
    ...canaryView(release),
    services: Object.fromEntries(
      Object.values(release.spec.services).map((s) => [
        s.name,
        { image: s.image, imageId: release.images[s.name]?.id, replicas: s.replicas },
      ]),
    ),
  };
}

function canaryView(release: Release): { canary?: Record<string, unknown>[] } {
  const progress = canaryProgress(release);
  if (progress.length === 0) return {};
  return {
    canary: progress.map((p) => ({
      service: p.service,
      steps: p.steps.map((s) => ({ weight: s.weight, pauseMs: s.pauseMs })),
      step: p.step,
      weight: p.weight,
      promoted: p.promoted,
    })),
  };
}
