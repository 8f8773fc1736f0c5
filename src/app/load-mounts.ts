import path from 'node:path';
import type { BerthError } from '../errors/index.js';
import type { MountSpec } from './app-spec.js';
import { composeError, describe } from './compose-error.js';
import type { ComposeNode } from './compose-tree.js';
import type { LoadContext } from './load-context.js';
import { parseVolume } from './parse-volume.js';
import { checkKeys, readStringList, readSeq } from './read-collection.js';
import { readBool, readEnum, readString } from './read-scalar.js';

const hint =
  'Write "volume:/path[:ro]", "./host/dir:/path[:ro]", "/abs/dir:/path" or { type: volume|bind|tmpfs, source, target, read_only }.';
const longKeys = ['type', 'source', 'target', 'read_only'] as const;
// Consistency flags only matter on Docker Desktop for macOS; on Linux they are no-ops.
const harmlessOptions = new Set(['rw', 'cached', 'delegated', 'consistent']);

/** A service's `volumes` (short and long syntax) followed by its `tmpfs` mounts. */
export function loadMounts(
  volumes: ComposeNode | undefined,
  tmpfs: ComposeNode | undefined,
  ctx: LoadContext,
): MountSpec[] {
  const mounts =
    volumes === undefined ? [] : readSeq(volumes, hint).items.map((item) => loadMount(item, ctx));
  const tmpfsHint = 'Write tmpfs as a container path or a list of them, e.g. tmpfs: [/run, /tmp].';
  if (tmpfs === undefined) return mounts;
  for (const target of readStringList(tmpfs, tmpfsHint, true)) {
    if (!target.startsWith('/') || target.includes(':')) {
      const detail = target.includes(':') ? 'tmpfs options are not supported' : 'the path is not absolute';
      throw composeError('BERTH_COMPOSE_INVALID', tmpfs, `"${target}": ${detail}`, tmpfsHint);
    }
    mounts.push({ type: 'tmpfs', target, readOnly: false });
  }
  return mounts;
}

function loadMount(node: ComposeNode, ctx: LoadContext): MountSpec {
  if (node.kind === 'map') return loadLongMount(node, ctx);
  const text = readString(node, hint);
  const parsed = parseVolume(text);
  if (!parsed.ok)
    throw composeError('BERTH_COMPOSE_INVALID', node, `${describe(node)}: ${parsed.reason}`, hint);
  const { source, target, options } = parsed.value;
  const unknown = options.find((option) => option !== 'ro' && !harmlessOptions.has(option));
  if (unknown !== undefined) {
    throw composeError(
      'BERTH_COMPOSE_INVALID',
      node,
      `${describe(node)}: mount option "${unknown}" is not supported`,
      'Use "ro" or "rw" (SELinux relabelling and nocopy are not supported).',
    );
  }
  const readOnly = options.includes('ro');
  if (source === undefined) throw anonymous(node);
  if (isPath(source)) return { type: 'bind', source: resolveBind(source, node, ctx), target, readOnly };
  return { type: 'volume', source: declaredVolume(source, node, ctx), target, readOnly };
}

function loadLongMount(node: ComposeNode & { kind: 'map' }, ctx: LoadContext): MountSpec {
  const fields = checkKeys(node, longKeys);
  const typeNode = fields.get('type');
  const targetNode = fields.get('target');
  const sourceNode = fields.get('source');
  const readOnlyNode = fields.get('read_only');
  if (typeNode === undefined || targetNode === undefined) {
    throw composeError('BERTH_COMPOSE_INVALID', node, 'a long-syntax volume needs "type" and "target"', hint);
  }
  const type = readEnum(typeNode, ['volume', 'bind', 'tmpfs']);
  const target = readString(targetNode, hint);
  if (!target.startsWith('/')) {
    throw composeError(
      'BERTH_COMPOSE_INVALID',
      targetNode,
      `the container path "${target}" is not absolute`,
      hint,
    );
  }
  const readOnly = readOnlyNode === undefined ? false : readBool(readOnlyNode);
  if (type === 'tmpfs') {
    if (sourceNode !== undefined) {
      throw composeError(
        'BERTH_COMPOSE_INVALID',
        sourceNode,
        'a tmpfs mount has no source',
        'Remove "source".',
      );
    }
    if (readOnlyNode !== undefined && readOnly) {
      throw composeError(
        'BERTH_COMPOSE_INVALID',
        readOnlyNode,
        'a tmpfs mount cannot be read-only',
        'Remove read_only.',
      );
    }
    return { type, target, readOnly: false };
  }
  if (sourceNode === undefined) {
    if (type === 'volume') throw anonymous(node);
    throw composeError('BERTH_COMPOSE_INVALID', node, 'a bind mount needs a "source"', hint);
  }
  const source = readString(sourceNode, hint);
  if (type === 'bind') return { type, source: resolveBind(source, sourceNode, ctx), target, readOnly };
  return { type, source: declaredVolume(source, sourceNode, ctx), target, readOnly };
}

function isPath(source: string): boolean {
  return source.startsWith('.') || source.startsWith('/') || source.startsWith('~');
}

/** Relative bind sources resolve against the project directory; `~` against the user's HOME. */
function resolveBind(source: string, node: ComposeNode, ctx: LoadContext): string {
  if (source === '~' || source.startsWith('~/')) {
    const home = ctx.lookup('HOME');
    if (home === undefined || home === '') {
      throw composeError(
        'BERTH_COMPOSE_INVALID',
        node,
        `cannot expand "~" in "${source}": HOME is not set`,
        hint,
      );
    }
    return path.resolve(home, source.slice(2));
  }
  return path.resolve(ctx.projectDir, source);
}

function declaredVolume(name: string, node: ComposeNode, ctx: LoadContext): string {
  if (ctx.volumes.has(name)) return name;
  throw composeError(
    'BERTH_COMPOSE_INVALID',
    node,
    `named volume "${name}" is not declared under top-level volumes`,
    `Add it at the top level: volumes: { ${name}: {} }, or write a path ("./${name}") for a bind mount.`,
  );
}

function anonymous(node: ComposeNode): BerthError {
  return composeError(
    'BERTH_COMPOSE_INVALID',
    node,
    'anonymous volumes are not supported',
    'Name the volume ("data:/path") and declare it under top-level volumes so its data survives redeploys.',
  );
}
