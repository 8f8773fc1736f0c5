import type { DependencySpec } from './app-spec.js';
import { composeError, describe } from './compose-error.js';
import type { ComposeNode } from './compose-tree.js';
import type { LoadContext } from './load-context.js';
import { checkKeys } from './read-collection.js';
import { readBool, readEnum, readString } from './read-scalar.js';

export interface LoadedDependencies {
  dependsOn: Record<string, DependencySpec>;
  /** Where each dependency is named, for cycle errors. */
  at: Map<string, Pick<ComposeNode, 'path' | 'pos'>>;
}

const hint = 'Write depends_on as a list of service names or { db: { condition: service_healthy } }.';

/**
 * `depends_on` as a list or a map of `{condition, restart, required}` (Compose Specification). A
 * dependency on an unknown service is an error, unless it is `required: false`, which Compose treats
 * as optional: it is dropped with a warning.
 */
export function loadDependsOn(
  node: ComposeNode | undefined,
  services: ReadonlySet<string>,
  ctx: LoadContext,
): LoadedDependencies {
  const loaded: LoadedDependencies = { dependsOn: {}, at: new Map() };
  if (node === undefined) return loaded;
  const entries = new Map<string, DependencySpec>();
  const add = (name: string, spec: DependencySpec, at: Pick<ComposeNode, 'path' | 'pos'>): void => {
    if (!services.has(name)) {
      if (!spec.required) {
        ctx.warn(`${at.path}: optional dependency "${name}" is not a service in this file; ignoring it`);
        return;
      }
      throw composeError(
        'BERTH_COMPOSE_DEPENDENCY',
        at,
        `depends on unknown service "${name}"`,
        `Use one of the services defined in this file: ${[...services].sort().join(', ')}.`,
      );
    }
    entries.set(name, spec);
    loaded.at.set(name, at);
  };
  if (node.kind === 'seq') {
    for (const item of node.items) {
      add(readString(item, hint), { condition: 'service_started', restart: false, required: true }, item);
    }
  } else if (node.kind === 'map') {
    for (const entry of node.entries) {
      const at = { path: entry.node.path, pos: entry.keyPos };
      const value = entry.node;
      if (value.kind === 'scalar' && value.value === null) {
        add(entry.key, { condition: 'service_started', restart: false, required: true }, at);
        continue;
      }
      if (value.kind !== 'map') {
        throw composeError(
          'BERTH_COMPOSE_INVALID',
          value,
          `expected a mapping, got ${describe(value)}`,
          hint,
        );
      }
      const fields = checkKeys(value, ['condition', 'restart', 'required']);
      const condition = fields.get('condition');
      const restart = fields.get('restart');
      const required = fields.get('required');
      const spec: DependencySpec = {
        condition:
          condition === undefined
            ? 'service_started'
            : readEnum(condition, ['service_started', 'service_healthy', 'service_completed_successfully']),
        restart: restart === undefined ? false : readBool(restart),
        required: required === undefined ? true : readBool(required),
      };
      add(entry.key, spec, at);
    }
  } else {
    throw composeError(
      'BERTH_COMPOSE_INVALID',
      node,
      `expected a list or a mapping, got ${describe(node)}`,
      hint,
    );
  }
  loaded.dependsOn = Object.fromEntries(entries);
  return loaded;
}
