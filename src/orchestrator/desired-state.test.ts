import { describe, expect, it } from 'vitest';
import { loadCompose } from '../app/index.js';
import { replacementBudget } from './desired-state.js';

const service = (yaml: string) => {
  const content = `services:\n  web:\n    image: nginx\n${yaml.replace(/^/gm, '    ')}\n`;
  const web = loadCompose({
    file: { path: '/p/compose.yaml', content },
    projectDir: '/p',
    environment: {},
    readFile: () => undefined,
  }).spec.services['web'];
  if (!web) throw new Error('no web');
  return web;
};

describe('replacementBudget', () => {
  it('follows update_config when no Kubernetes budget is given', () => {
    expect(
      replacementBudget(service('deploy: { update_config: { order: start-first, parallelism: 2 } }')),
    ).toEqual({ order: 'start-first', parallelism: 2 });
    expect(replacementBudget(service('deploy: { replicas: 2 }'))).toEqual({
      order: 'stop-first',
      parallelism: 1,
    });
  });

  it('surges first with maxSurge, rounding up as Kubernetes does', () => {
    expect(
      replacementBudget(
        service('deploy: { replicas: 10 }\nx-berth: { rollout: { maxSurge: "25%", maxUnavailable: 0 } }'),
      ),
    ).toEqual({
      order: 'start-first',
      parallelism: 3,
    });
  });

  it('stops first when maxSurge is 0, and never with a budget of 0', () => {
    expect(
      replacementBudget(
        service('deploy: { replicas: 10 }\nx-berth: { rollout: { maxSurge: 0, maxUnavailable: "25%" } }'),
      ),
    ).toEqual({
      order: 'stop-first',
      parallelism: 2,
    });
    expect(
      replacementBudget(
        service('deploy: { replicas: 3 }\nx-berth: { rollout: { maxSurge: 0, maxUnavailable: 0 } }'),
      ),
    ).toEqual({
      order: 'stop-first',
      parallelism: 1,
    });
  });

  it('replaces a fixed host port without the ingress stop-first, whatever update_config says', () => {
    expect(
      replacementBudget(service('ports: ["8080:80"]\ndeploy: { update_config: { order: start-first } }')),
    ).toEqual({ order: 'stop-first', parallelism: 1 });
    expect(
      replacementBudget(
        service(
          'ports: ["8080:80"]\ndeploy: { replicas: 2, update_config: { order: start-first } }\nx-berth: { ingress: {} }',
        ),
      ),
    ).toEqual({
      order: 'start-first',
      parallelism: 1,
    });
  });
});
