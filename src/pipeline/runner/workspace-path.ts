/*
 * Paths inside the workspace (docs/pipeline.md, "artifacts" and "reports": relative to the repository
 * root, no absolute paths, no `..`). The loader checks this too, but `${NAME}` substitution happens
 * after loading, so a matrix value could still bring in a `..`: the runner checks again.
 */

const globCharacters = /[*?[\]{}\\]/;

/**
 * Whether `path` (a path or glob) stays inside the workspace: not empty, not absolute, no `..`
 * segment and no NUL character.
 *
 * @example
 * isSafeRelativePath('coverage/**'); // true
 * isSafeRelativePath('../etc/passwd'); // false
 */
export function isSafeRelativePath(path: string): boolean {
  const clean = stripDotSlash(path);
  if (clean === '' || clean.startsWith('/') || clean.includes('\0')) return false;
  return !clean.split('/').includes('..');
}

/**
 * The literal folder (or file) a glob starts from: its leading segments without glob characters, so
 * that `coverage/**` walks only `coverage/` and not the whole workspace (`node_modules`). Empty when
 * the first segment is already a glob.
 *
 * @example
 * globBase('reports/junit/*.xml'); // 'reports/junit'
 * globBase('**\/*.sarif'); // ''
 */
export function globBase(pattern: string): string {
  const segments = stripDotSlash(pattern).split('/');
  const literal: string[] = [];
  for (const segment of segments) {
    if (globCharacters.test(segment) || segment === '' || segment === '.') break;
    literal.push(segment);
  }
  return literal.join('/');
}

/**
 * Whether the workspace-relative file `path` is selected by `matches` itself or through one of its
 * folders (artifacts: `dist` keeps everything under `dist/`).
 */
export function selectedWithFolders(path: string, matches: (candidate: string) => boolean): boolean {
  const segments = path.split('/');
  for (let end = segments.length; end > 0; end--) {
    if (matches(segments.slice(0, end).join('/'))) return true;
  }
  return false;
}

function stripDotSlash(path: string): string {
  let clean = path;
  while (clean.startsWith('./')) clean = clean.slice(2);
  return clean;
}
