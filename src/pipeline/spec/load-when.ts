import { globToRegExp } from './glob.js';
import { pipelineError } from './pipeline-error.js';
import {
  pipelineEvents,
  stepStatuses,
  type Filter,
  type PathFilter,
  type StepStatus,
  type WhenClause,
} from './pipeline-spec.js';
import { checkKeys, readMap, readSeq } from './read-collection.js';
import { readBool, readEnum, readString } from './read-scalar.js';
import type { YamlNode } from './yaml-tree.js';

const hint = 'Write when as a mapping (event, branch, tag, cron, path, status) or a list of such mappings.';
const filterHint = 'Write a value, a list, or { include: [...], exclude: [...] }.';

/**
 * `when` of a step, or of the whole pipeline (`topLevel`, where `status` makes no sense). A mapping is a
 * list of one; list items are OR-ed.
 */
export function loadWhen(node: YamlNode | undefined, topLevel: boolean): WhenClause[] {
  if (node === undefined) return [];
  const clauses = node.kind === 'seq' ? node.items : [node];
  if (node.kind === 'seq' && node.items.length === 0)
    throw pipelineError(node, 'the list of conditions is empty', hint);
  return clauses.map((item) => loadClause(item, topLevel));
}

function loadClause(node: YamlNode, topLevel: boolean): WhenClause {
  const keys = ['event', 'branch', 'tag', 'cron', 'path', ...(topLevel ? [] : ['status'])];
  const f = checkKeys(
    readMap(node, hint),
    keys,
    topLevel ? 'the pipeline `when` (status is only for steps)' : 'a `when` condition',
  );
  const globs = (key: string): Filter | undefined => {
    const value = f.get(key);
    return value === undefined ? undefined : loadFilter(value, (n) => readGlob(n));
  };
  const event = f.get('event');
  const path = f.get('path');
  const status = f.get('status');
  const clause: { -readonly [K in keyof WhenClause]: WhenClause[K] } = {
    status: status === undefined ? ['success'] : loadStatus(status),
  };
  if (event !== undefined) clause.event = loadFilter(event, (n) => readEnum(n, pipelineEvents));
  const branch = globs('branch');
  const tag = globs('tag');
  const cron = globs('cron');
  if (branch !== undefined) clause.branch = branch;
  if (tag !== undefined) clause.tag = tag;
  if (cron !== undefined) clause.cron = cron;
  if (path !== undefined) clause.path = loadPathFilter(path);
  return clause;
}

function loadStatus(node: YamlNode): StepStatus[] {
  const items = node.kind === 'seq' ? readSeq(node, 'Write status: [success, failure].').items : [node];
  const statuses = items.map((item) => readEnum(item, stepStatuses));
  if (statuses.length === 0)
    throw pipelineError(node, 'the status list is empty', 'Write status: [success, failure].');
  return stepStatuses.filter((s) => statuses.includes(s));
}

function loadFilter(node: YamlNode, read: (item: YamlNode) => string): Filter {
  if (node.kind !== 'map') {
    const include = (node.kind === 'seq' ? node.items : [node]).map(read);
    if (include.length === 0) throw pipelineError(node, 'the list is empty', filterHint);
    return { include, exclude: [] };
  }
  const f = checkKeys(node, ['include', 'exclude'], 'a condition');
  const list = (key: string): string[] => {
    const value = f.get(key);
    if (value === undefined) return [];
    return (value.kind === 'seq' ? value.items : [value]).map(read);
  };
  const filter = { include: list('include'), exclude: list('exclude') };
  if (filter.include.length === 0 && filter.exclude.length === 0) {
    throw pipelineError(node, 'the condition has neither include nor exclude', filterHint);
  }
  return filter;
}

function loadPathFilter(node: YamlNode): PathFilter {
  if (node.kind !== 'map') return { ...loadFilter(node, readGlob), onEmpty: true };
  const f = checkKeys(node, ['include', 'exclude', 'on_empty'], 'a `path` condition');
  const list = (key: string): string[] => {
    const value = f.get(key);
    if (value === undefined) return [];
    return (value.kind === 'seq' ? value.items : [value]).map(readGlob);
  };
  const onEmpty = f.get('on_empty');
  return {
    include: list('include'),
    exclude: list('exclude'),
    onEmpty: onEmpty === undefined ? true : readBool(onEmpty),
  };
}

/** A glob pattern, checked by compiling it. */
export function readGlob(node: YamlNode): string {
  const pattern = readString(node, 'Write a glob such as src/** or release/*.');
  try {
    globToRegExp(pattern);
  } catch (error) {
    throw pipelineError(
      node,
      `${JSON.stringify(pattern)} is not a valid glob`,
      'Check the [...] sets of the pattern.',
      error,
    );
  }
  return pattern;
}
