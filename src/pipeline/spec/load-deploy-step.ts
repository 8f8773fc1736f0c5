import { readTemplateMap } from './load-build-step.js';
import type { LoadContext } from './load-context.js';
import { pipelineError } from './pipeline-error.js';
import type { DeployStep, StepBase } from './pipeline-spec.js';
import { readBool, readName } from './read-scalar.js';
import { readWorkspacePath } from './read-workspace-path.js';
import type { YamlNode } from './yaml-tree.js';

/** App names as in docs/compose.md ("Project name"). */
const appName = /^[a-z0-9][a-z0-9_-]*$/;
const serviceName = /^[a-zA-Z0-9._-]+$/;

/** `kind: deploy`: `berth up` of the app's Compose file with the new images. */
export function loadDeployStep(
  base: StepBase,
  f: ReadonlyMap<string, YamlNode>,
  _at: YamlNode,
  ctx: LoadContext,
): DeployStep {
  const compose = f.get('compose');
  const app = f.get('app');
  const wait = f.get('wait');
  const imagesNode = f.get('images');
  const images = readTemplateMap(
    imagesNode,
    ctx,
    'Write images as a mapping: <compose service>: <image reference>.',
  );
  if (imagesNode?.kind === 'map') {
    for (const entry of imagesNode.entries) {
      if (!serviceName.test(entry.key)) {
        throw pipelineError(
          entry.keyAt,
          `"${entry.key}" is not a Compose service name`,
          'Use the service names of the Compose file.',
        );
      }
    }
  }
  const step: DeployStep = {
    ...base,
    kind: 'deploy',
    compose: compose === undefined ? 'compose.yaml' : readWorkspacePath(compose, ctx),
    images,
    wait: wait === undefined ? true : readBool(wait),
    ...(app === undefined
      ? {}
      : {
          app: readName(
            app,
            appName,
            'app name',
            'App names use a-z, 0-9, _ and -, starting with a letter or digit.',
          ),
        }),
  };
  return step;
}
