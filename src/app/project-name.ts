import path from 'node:path';

/** Compose's rule for project names: lowercase letters, digits, `-` and `_`, starting with a letter or digit. */
export const projectNamePattern = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * Derives a project name from a directory the way Compose does: lowercase the base name, drop every
 * character outside `[a-z0-9_-]`, then drop leading `-` and `_`. Empty when nothing is left.
 *
 * @example
 * projectNameFromDir('/home/me/My Shop.v2'); // 'myshopv2'
 */
export function projectNameFromDir(dir: string): string {
  return path
    .basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[-_]+/, '');
}
