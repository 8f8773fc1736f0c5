import { describe, expect, it } from 'vitest';
import { buildStepEnvironment, outputVariableName, toDockerEnv } from './step-environment.js';

const secrets = new Map([
  ['npm_token', 'tok_3f9a8b7c6d'],
  ['SONAR_TOKEN', 'sonar_0123456789'],
]);

describe('buildStepEnvironment', () => {
  it('layers run variables, earlier outputs, environment (with from_secret) and secrets', () => {
    const result = buildStepEnvironment({
      variables: { BERTH_RUN: '7', BERTH_APP: 'shop', CI: 'false' },
      outputs: { image: { image_digest: 'sha256:ab' } },
      environment: { CI: 'true', NPM_TOKEN: { fromSecret: 'npm_token' } },
      secretNames: ['SONAR_TOKEN'],
      secrets,
    });
    expect(result).toEqual({
      ok: true,
      value: {
        BERTH_RUN: '7',
        BERTH_APP: 'shop',
        BERTH_OUTPUT_IMAGE_IMAGE_DIGEST: 'sha256:ab',
        CI: 'true',
        NPM_TOKEN: 'tok_3f9a8b7c6d',
        SONAR_TOKEN: 'sonar_0123456789',
      },
    });
  });

  it('names every secret the run cannot see instead of starting the step with an empty value', () => {
    const result = buildStepEnvironment({
      variables: {},
      environment: { TOKEN: { fromSecret: 'deploy_key' } },
      secretNames: ['SONAR_TOKEN', 'SLACK_WEBHOOK'],
      secrets,
    });
    expect(result).toEqual({
      ok: false,
      reason:
        'secret "deploy_key" (for TOKEN), "SLACK_WEBHOOK" (for SLACK_WEBHOOK) are not available to this run',
    });
  });
});

describe('outputVariableName', () => {
  it.each([
    ['image', 'image_digest', 'BERTH_OUTPUT_IMAGE_IMAGE_DIGEST'],
    ['build-web', 'digest', 'BERTH_OUTPUT_BUILD_WEB_DIGEST'],
    ['v1.2', 'tag.name', 'BERTH_OUTPUT_V1_2_TAG_NAME'],
  ])('step %j output %j is %s', (step, key, name) => {
    expect(outputVariableName(step, key)).toBe(name);
  });
});

describe('toDockerEnv', () => {
  it('writes NAME=value entries in name order, keeping "=" and newlines in values', () => {
    expect(toDockerEnv({ B: 'x=y', A: 'line1\nline2' })).toEqual(['A=line1\nline2', 'B=x=y']);
  });
});
