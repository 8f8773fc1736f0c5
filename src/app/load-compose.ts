import { LineCounter, parseDocument } from 'yaml';
import { BerthError, type SourcePosition } from '../errors/index.js';
import type { AppSpec } from './app-spec.js';
import { composeError } from './compose-error.js';
import { buildComposeTree, type ComposeNode, type MapNode } from './compose-tree.js';
import { deepFreeze } from './deep-freeze.js';
import { findCycle } from './dependency-graph.js';
import { interpolate } from './interpolate.js';
import type { LoadContext } from './load-context.js';
import { loadNetworks } from './load-networks.js';
import { loadVolumes } from './load-volumes.js';
import { loadProjectEnvironment } from './load-project-environment.js';
import { loadService, type LoadedService } from './load-service.js';
import { readMap } from './read-collection.js';
import { resolveProjectName } from './resolve-project-name.js';
import { checkTopLevelKeys } from './top-level-keys.js';
import { loadAppExtension } from './x-berth-app.js';

export interface ComposeInput {
  /** The Compose file; `path` (absolute) is used in messages and error positions. */
  file: { path: string; content: string };
  /** Absolute directory: base for relative build contexts, bind mounts, env_file and `.env`. */
  projectDir: string;
  /** The `-p` flag; else the top-level `name:`; else the normalised base name of `projectDir`. */
  projectName?: string;
  /** The user's environment, for interpolation; it wins over `.env`. */
  environment: Readonly<Record<string, string | undefined>>;
  /** Reads a file; undefined when it does not exist. */
  readFile: (absPath: string) => string | undefined;
}

export interface LoadedCompose {
  spec: AppSpec;
  warnings: string[];
  /** Every variable name looked up, sorted. */
  variablesUsed: string[];
  /** Absolute paths of the `.env` and `env_file` files read. */
  filesRead: string[];
}

/**
 * Loads a Compose file into Berth's frozen `AppSpec`: parses YAML, interpolates values, validates every
 * key (unsupported keys are errors, never dropped) and normalises units. Pure apart from `readFile`.
 * Errors are `BerthError`s with the file, line and column of the offending key or value.
 *
 * @example
 * const { spec } = loadCompose({
 *   file: { path: '/srv/shop/compose.yaml', content: 'services:\n  web:\n    image: nginx\n' },
 *   projectDir: '/srv/shop',
 *   environment: {},
 *   readFile: () => undefined,
 * });
 * spec.services.web?.image; // 'nginx'
 */
export function loadCompose(input: ComposeInput): LoadedCompose {
  const warnings: string[] = [];
  const used = new Set<string>();
  const unsetWarned = new Set<string>();
  const filesRead: string[] = [];
  const noteVariables = (names: readonly string[], unset: readonly string[], where: string): void => {
    names.forEach((name) => used.add(name));
    for (const name of unset) {
      if (unsetWarned.has(name)) continue;
      unsetWarned.add(name);
      warnings.push(`variable "${name}" is not set; substituting an empty string (${where})`);
    }
  };
  const readFile = (absPath: string): string | undefined => {
    const content = input.readFile(absPath);
    if (content !== undefined) filesRead.push(absPath);
    return content;
  };
  const lookup = loadProjectEnvironment(input, readFile, noteVariables);
  const trackedLookup = (name: string): string | undefined => {
    used.add(name);
    return lookup(name);
  };

  const root = parseTree(input, (text, where, pos) => {
    const result = interpolate(text, lookup);
    noteVariables(result.used, result.ok ? result.unset : [], where);
    if (!result.ok) {
      throw new BerthError('BERTH_COMPOSE_INTERPOLATION', `${where}: ${result.error}`, {
        position: pos,
        hint: result.hint,
      });
    }
    return result.value;
  });
  const top = checkTopLevelKeys(root, warnings);
  const projectName = resolveProjectName(input, top.get('name'), root);
  const networks = loadNetworks(top.get('networks'), projectName);
  const volumes = loadVolumes(top.get('volumes'), projectName);
  const ctx: LoadContext = {
    projectDir: input.projectDir,
    projectName,
    lookup: trackedLookup,
    readFile,
    noteVariables,
    warn: (message) => warnings.push(message),
    networks: new Set(Object.keys(networks)),
    volumes: new Set(Object.keys(volumes)),
  };
  const services = loadServices(top.get('services'), root, ctx);
  const spec: AppSpec = {
    name: projectName,
    services: Object.fromEntries([...services].map(([name, s]) => [name, s.spec])),
    networks,
    volumes,
    ...loadAppExtension(root),
  };
  return {
    spec: deepFreeze(spec),
    warnings,
    variablesUsed: [...used].sort(),
    filesRead: [...new Set(filesRead)],
  };
}

type Interpolator = (text: string, where: string, pos: SourcePosition) => string;

function parseTree(input: ComposeInput, interpolateValue: Interpolator): MapNode {
  const file = input.file.path;
  const lineCounter = new LineCounter();
  const doc = parseDocument(input.file.content, {
    lineCounter,
    merge: true,
    uniqueKeys: true,
    prettyErrors: true,
  });
  // Warnings are fatal too: an unresolved tag such as Compose's `!reset` would otherwise change meaning silently.
  const [error] = [...doc.errors, ...doc.warnings];
  if (error !== undefined) {
    const { line, col } = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
    const reason = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new BerthError('BERTH_COMPOSE_YAML', `invalid YAML: ${reason}`, {
      position: { file, line, column: col },
      hint:
        error.code === 'TAG_RESOLVE_FAILED'
          ? 'Remove the tag: Berth loads one Compose file, so merge tags like !reset and !override do not apply.'
          : 'Fix the YAML syntax at this position (indent with spaces; quote values that contain ": " or "#").',
      cause: error,
    });
  }
  const tree = buildComposeTree(doc, { file, lineCounter, interpolate: interpolateValue });
  const start = { path: '', pos: { file, line: 1, column: 1 } };
  if (tree === undefined) {
    throw composeError(
      'BERTH_COMPOSE_INVALID',
      start,
      'the file is empty',
      'Define at least one service under `services:`.',
    );
  }
  return readMap(tree, 'The file must be a mapping with a `services:` key.');
}

const serviceName = /^[a-zA-Z0-9._-]+$/;

function loadServices(
  node: ComposeNode | undefined,
  root: MapNode,
  ctx: LoadContext,
): Map<string, LoadedService> {
  const hint = 'Define at least one service, e.g. services: { web: { image: nginx } }.';
  if (node === undefined) throw composeError('BERTH_COMPOSE_INVALID', root, '"services" is missing', hint);
  const map = readMap(node, hint);
  if (map.entries.length === 0)
    throw composeError('BERTH_COMPOSE_INVALID', map, 'no services are defined', hint);
  const names = new Set(map.entries.map((entry) => entry.key));
  const loaded = new Map<string, LoadedService>();
  for (const entry of map.entries) {
    if (!serviceName.test(entry.key)) {
      throw composeError(
        'BERTH_COMPOSE_INVALID',
        { path: entry.node.path, pos: entry.keyPos },
        `service name "${entry.key}" may only contain letters, digits, ".", "_" and "-"`,
        'Rename the service, e.g. "web" or "api-worker".',
      );
    }
    loaded.set(entry.key, loadService(entry.key, entry.node, names, ctx));
  }
  const graph = Object.fromEntries([...loaded].map(([name, s]) => [name, Object.keys(s.spec.dependsOn)]));
  const cycle = findCycle(graph);
  const [from, to] = cycle ?? [];
  const at = from === undefined || to === undefined ? undefined : loaded.get(from)?.dependencies.at.get(to);
  if (cycle !== undefined && at !== undefined) {
    throw composeError(
      'BERTH_COMPOSE_DEPENDENCY',
      at,
      `dependency cycle ${cycle.join(' -> ')}`,
      'Remove one depends_on entry of the cycle; Berth must start every dependency before its dependents.',
    );
  }
  return loaded;
}
