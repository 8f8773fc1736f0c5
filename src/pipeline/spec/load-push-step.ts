import type { LoadContext } from './load-context.js';
import { readTemplate } from './load-context.js';
import { readEnvValue, readSecretRef } from './load-environment.js';
import { pipelineError } from './pipeline-error.js';
import type { PushStep, StepBase } from './pipeline-spec.js';
import { readSeq } from './read-collection.js';
import type { YamlNode } from './yaml-tree.js';

const imageHint =
  'Write the image reference to push, e.g. registry.example.com/shop/web:${BERTH_COMMIT_SHORT}.';
const credentialsHint = 'Give both username and password: { from_secret: registry_password }, or neither.';

/** `kind: push`: an image pushed to a registry, with credentials from secrets. */
export function loadPushStep(
  base: StepBase,
  f: ReadonlyMap<string, YamlNode>,
  at: YamlNode,
  ctx: LoadContext,
): PushStep {
  const image = f.get('image');
  if (image === undefined) throw pipelineError(at, '"image" is missing', imageHint);
  const tags = f.get('tags');
  const registry = f.get('registry');
  const username = f.get('username');
  const password = f.get('password');
  if ((username === undefined) !== (password === undefined)) {
    throw pipelineError(
      at,
      `"${username === undefined ? 'username' : 'password'}" is missing`,
      credentialsHint,
    );
  }
  if (password !== undefined && password.kind !== 'map') {
    throw pipelineError(
      password,
      'the password must come from a secret',
      'Write password: { from_secret: registry_password }.',
    );
  }
  const step: PushStep = {
    ...base,
    kind: 'push',
    image: readTemplate(image, ctx, imageHint),
    tags:
      tags === undefined ? [] : readSeq(tags, imageHint).items.map((n) => readTemplate(n, ctx, imageHint)),
    ...(registry === undefined
      ? {}
      : {
          registry: readTemplate(registry, ctx, 'Write a registry host such as registry.example.com:5000.'),
        }),
    ...(username === undefined ? {} : { username: readEnvValue(username, ctx, credentialsHint) }),
    ...(password === undefined ? {} : { password: readSecretRef(password) }),
  };
  return step;
}
