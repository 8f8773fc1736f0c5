import { parseCacheKey } from './cache-key.js';
import { loadContainer } from './load-container.js';
import type { LoadContext } from './load-context.js';
import { readTemplate } from './load-context.js';
import { loadReports } from './load-reports.js';
import { pipelineError } from './pipeline-error.js';
import type { CacheSpec, RunStep, StepBase } from './pipeline-spec.js';
import { checkKeys, readMap, readSeq } from './read-collection.js';
import { readString } from './read-scalar.js';
import { readWorkspacePath } from './read-workspace-path.js';
import type { YamlNode } from './yaml-tree.js';

/** A step that runs `commands` in a container (the default kind). */
export function loadRunStep(
  base: StepBase,
  f: ReadonlyMap<string, YamlNode>,
  at: YamlNode,
  ctx: LoadContext,
): RunStep {
  const artifacts = f.get('artifacts');
  const artifactHint = 'Write artifacts as a list of paths or globs, e.g. [dist/**, coverage/lcov.info].';
  return {
    ...base,
    kind: 'run',
    ...loadContainer(f, at, ctx),
    cache: loadCache(f.get('cache'), ctx),
    artifacts:
      artifacts === undefined
        ? []
        : readSeq(artifacts, artifactHint).items.map((n) => readWorkspacePath(n, ctx, true)),
    reports: loadReports(f.get('reports'), ctx),
  };
}

const cacheHint =
  "Write cache as a list of { key: npm-{{ hashFiles('package-lock.json') }}, path: /root/.npm }.";

function loadCache(node: YamlNode | undefined, ctx: LoadContext): CacheSpec[] {
  if (node === undefined) return [];
  const caches = readSeq(node, cacheHint).items.map((item) => {
    const map = readMap(item, cacheHint);
    const f = checkKeys(map, ['key', 'path'], 'a cache');
    const key = f.get('key');
    const path = f.get('path');
    if (key === undefined || path === undefined) {
      throw pipelineError(map, `"${key === undefined ? 'key' : 'path'}" is missing`, cacheHint);
    }
    const template = readTemplate(key, ctx, cacheHint);
    const parsed = parseCacheKey(template);
    if (!parsed.ok) throw pipelineError(key, parsed.reason, cacheHint);
    const mount = readString(path, cacheHint);
    if (!mount.startsWith('/') || mount === '/') {
      throw pipelineError(
        path,
        `${JSON.stringify(mount)} is not an absolute path inside the container`,
        cacheHint,
      );
    }
    return { key: template, path: mount, at: path };
  });
  caches.forEach((cache, i) => {
    if (caches.findIndex((c) => c.path === cache.path) !== i) {
      throw pipelineError(
        cache.at,
        `path ${JSON.stringify(cache.path)} is cached twice`,
        'Mount each cache at its own path.',
      );
    }
  });
  return caches.map(({ key, path }) => ({ key, path }));
}
