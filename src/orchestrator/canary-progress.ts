import type { CanaryStep } from '../app/index.js';
import type { Release } from '../store/index.js';

/** A canary service's progress as the release record shows it (`berth releases`, the API's release view). */
export interface CanaryProgress {
  service: string;
  steps: readonly CanaryStep[];
  /** 1-based step the release message last named (running, paused or failed); null when none yet. */
  step: number | null;
  /** That step's weight in percent. */
  weight: number | null;
  promoted: boolean;
}

/**
 * `canary web step 1/2 at 10%`: the prefix of every canary progress message, so the release's message
 * alone tells which step it is at (and which step failed).
 *
 * @example
 * canaryLabel('web', 0, [{ weight: 10, pauseMs: 30_000 }, { weight: 50, pauseMs: 30_000 }]); // 'canary web step 1/2 at 10%'
 */
export const canaryLabel = (service: string, index: number, steps: readonly CanaryStep[]): string =>
  `canary ${service} step ${index + 1}/${steps.length} at ${steps[index]?.weight ?? 100}%`;

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The canary services of a release and where its message says they are. The store keeps only the
 * message, so this reads back what `canaryLabel` wrote; a release without canary services gives [].
 */
export function canaryProgress(release: Pick<Release, 'spec' | 'message'>): CanaryProgress[] {
  const message = release.message ?? '';
  return Object.values(release.spec.services).flatMap((service) => {
    const steps = service.rollout?.canary?.steps;
    if (!steps) return [];
    const name = escape(service.name);
    const at = new RegExp(`canary ${name} step (\\d+)/\\d+ at (\\d+)%`).exec(message);
    return [
      {
        service: service.name,
        steps,
        step: at ? Number(at[1]) : null,
        weight: at ? Number(at[2]) : null,
        promoted: new RegExp(`canary ${name} promoted`).test(message),
      },
    ];
  });
}
