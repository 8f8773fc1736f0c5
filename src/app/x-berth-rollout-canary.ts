import { didYouMean } from '../errors/index.js';
import type { CanarySpec, CanaryStep } from './app-spec.js';
import { composeError, describe } from './compose-error.js';
import type { ComposeNode } from './compose-tree.js';
import { checkKeys, readMap, readSeq } from './read-collection.js';
import { readDuration, readInt } from './read-scalar.js';

const strategies = ['rolling', 'canary'] as const;
const stepKeys = ['weight', 'pause'] as const;
const stepsHint = 'Write e.g. steps: [{ weight: 10, pause: 30s }, { weight: 50, pause: 30s }].';
// Argo Rollouts users will reach for its step names first.
const argoHints = {
  setWeight: 'Write weight: 10 (Argo Rollouts calls it setWeight).',
  duration: 'Write pause: 30s.',
};

/**
 * `rollout.strategy` and `rollout.steps` (Argo Rollouts' setWeight + pause shape): undefined for the
 * default rolling update, the steps for `strategy: canary`. Canary weights are set in Berth's proxy,
 * so the service needs `x-berth.ingress`.
 *
 * @example
 * // rollout: { strategy: canary, steps: [{ weight: 10, pause: 30s }, { weight: 50, pause: 1m }] }
 * loadCanary(strategyNode, stepsNode, { ingress: true }); // { steps: [{ weight: 10, pauseMs: 30000 }, ...] }
 */
export function loadCanary(
  strategyNode: ComposeNode | undefined,
  stepsNode: ComposeNode | undefined,
  context: { ingress: boolean },
): CanarySpec | undefined {
  if (strategyNode === undefined || readStrategy(strategyNode) === 'rolling') {
    if (stepsNode !== undefined) {
      throw composeError(
        'BERTH_COMPOSE_INVALID',
        stepsNode,
        'steps are only used with strategy: canary',
        'Add strategy: canary next to steps, or remove steps for a rolling update.',
      );
    }
    return undefined;
  }
  if (stepsNode === undefined)
    throw composeError('BERTH_COMPOSE_INVALID', strategyNode, 'strategy canary needs steps', stepsHint);
  if (!context.ingress) {
    throw composeError(
      'BERTH_COMPOSE_INVALID',
      strategyNode,
      "strategy canary needs x-berth.ingress: the traffic weights are set in Berth's proxy",
      'Add `ingress: {}` to x-berth (and publish the HTTP port, e.g. ports: ["8080:80"]), or use strategy: rolling.',
    );
  }
  return { steps: readSteps(stepsNode) };
}

function readStrategy(node: ComposeNode): (typeof strategies)[number] {
  const value = node.kind === 'scalar' && node.value !== null ? node.text : undefined;
  const known = strategies.find((s) => s === value);
  if (known) return known;
  throw composeError(
    'BERTH_COMPOSE_INVALID',
    node,
    `${describe(node)} is not a rollout strategy${value === undefined ? '' : didYouMean(value, strategies)}`,
    'Write strategy: rolling (the default) or strategy: canary.',
  );
}

function readSteps(node: ComposeNode): CanaryStep[] {
  const items = readSeq(node, stepsHint).items;
  if (items.length === 0) throw composeError('BERTH_COMPOSE_INVALID', node, 'steps is empty', stepsHint);
  const steps: CanaryStep[] = [];
  for (const item of items) {
    const map = readMap(item, stepsHint);
    for (const entry of map.entries) {
      const guess = didYouMean(entry.key, stepKeys);
      if (!(stepKeys as readonly string[]).includes(entry.key) && guess && !(entry.key in argoHints)) {
        throw composeError(
          'BERTH_COMPOSE_UNSUPPORTED_KEY',
          { path: `${item.path}.${entry.key}`, pos: entry.keyPos },
          `key "${entry.key}" is not supported by Berth${guess}`,
          stepsHint,
        );
      }
    }
    const fields = checkKeys(map, stepKeys, { extensions: false, hints: argoHints });
    const weightNode = fields.get('weight');
    const pauseNode = fields.get('pause');
    if (weightNode === undefined || pauseNode === undefined) {
      const missing = weightNode === undefined ? 'weight' : 'pause';
      throw composeError('BERTH_COMPOSE_INVALID', item, `a canary step needs "${missing}"`, stepsHint);
    }
    const weight = readInt(weightNode, {
      min: 1,
      max: 100,
      hint: 'Write the percent of requests the new version gets at this step, from 1 to 100.',
    });
    const previous = steps.at(-1);
    if (previous && weight <= previous.weight) {
      throw composeError(
        'BERTH_COMPOSE_INVALID',
        weightNode,
        `weight ${weight} is not above the previous step's ${previous.weight}`,
        'Give each step a higher weight than the one before, e.g. 10, 50, 100.',
      );
    }
    const pauseMs = readDuration(pauseNode, {
      min: 1000,
      hint: 'Write how long the step holds before the next one, at least 1s, e.g. 30s.',
    });
    steps.push({ weight, pauseMs });
  }
  return steps;
}
