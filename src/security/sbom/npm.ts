import {
  boolean,
  integer,
  lazy,
  looseObject,
  optional,
  parseShape,
  record,
  string,
  type Shape,
} from '../json-shape/index.js';

export interface NpmPackage {
  readonly name: string;
  readonly version: string;
}

// Checked with json-shape rather than zod, which an image scan would otherwise load for this alone
// (bench/scan.ts, issue 4).

interface LockDependency {
  version?: string | undefined;
  dev?: boolean | undefined;
  dependencies?: Record<string, LockDependency> | undefined;
}

const LockDependencySchema: Shape<LockDependency> = lazy(() =>
  looseObject<LockDependency>({
    version: optional(string()),
    dev: optional(boolean()),
    dependencies: optional(record(LockDependencySchema)),
  }),
);

interface LockPackage {
  name?: string | undefined;
  version?: string | undefined;
  dev?: boolean | undefined;
  link?: boolean | undefined;
}

interface PackageLock {
  lockfileVersion?: number | undefined;
  packages?: Record<string, LockPackage> | undefined;
  dependencies?: Record<string, LockDependency> | undefined;
}

const PackageLockSchema: Shape<PackageLock> = looseObject<PackageLock>({
  lockfileVersion: optional(integer()),
  packages: optional(
    record(
      looseObject<LockPackage>({
        name: optional(string()),
        version: optional(string()),
        dev: optional(boolean()),
        link: optional(boolean()),
      }),
    ),
  ),
  dependencies: optional(record(LockDependencySchema)),
});

interface PackageJson {
  name?: string | undefined;
  version?: string | undefined;
  private?: boolean | undefined;
}

const PackageJsonSchema: Shape<PackageJson> = looseObject<PackageJson>({
  name: optional(string()),
  version: optional(string()),
  private: optional(boolean()),
});

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** `node_modules/a/node_modules/@s/b` → `@s/b`. */
function nameFromInstallPath(path: string): string | undefined {
  const at = path.lastIndexOf('node_modules/');
  return at === -1 ? undefined : path.slice(at + 'node_modules/'.length);
}

/**
 * Reads `package-lock.json` / `npm-shrinkwrap.json` of every lockfile version (npm docs
 * "package-lock.json"): v2/v3 `packages` keyed by install path (`node_modules/a/node_modules/b`, an alias
 * carries its real `name`), else v1's nested `dependencies`. Dev dependencies and workspace links are left
 * out: they are not in a production image. Returns undefined for text that is not a lockfile.
 *
 * @example
 * parsePackageLock('{"lockfileVersion":3,"packages":{"node_modules/ms":{"version":"2.1.3"}}}');
 * // [{ name: 'ms', version: '2.1.3' }]
 */
export function parsePackageLock(text: string): NpmPackage[] | undefined {
  const parsed = parseShape(PackageLockSchema, parseJson(text));
  if (!parsed.ok) return undefined;
  const lock = parsed.value;
  const out: NpmPackage[] = [];
  if (lock.packages !== undefined) {
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (path === '' || entry.link === true || entry.dev === true || entry.version === undefined) continue;
      const name = entry.name ?? nameFromInstallPath(path);
      if (name !== undefined) out.push({ name, version: entry.version });
    }
    return out;
  }
  const walk = (dependencies: Record<string, LockDependency> | undefined): void => {
    for (const [name, dependency] of Object.entries(dependencies ?? {})) {
      if (dependency.dev === true) continue;
      // v1 aliases and git/file deps put a spec in `version` (`npm:real@1.0.0`, `github:…`, `file:…`).
      const alias = /^npm:((?:@[^/]+\/)?[^@]+)@(.+)$/.exec(dependency.version ?? '');
      if (alias !== null) out.push({ name: alias[1] ?? name, version: alias[2] ?? '' });
      else if (dependency.version !== undefined && !dependency.version.includes(':')) {
        out.push({ name, version: dependency.version });
      }
      walk(dependency.dependencies);
    }
  };
  walk(lock.dependencies);
  return out;
}

/**
 * Reads an installed package's `node_modules/<name>/package.json`: its `name` and `version`; private
 * packages (never published, so never in an advisory) are skipped.
 */
export function parseInstalledPackageJson(text: string): NpmPackage | undefined {
  const parsed = parseShape(PackageJsonSchema, parseJson(text));
  if (!parsed.ok) return undefined;
  const { name, version } = parsed.value;
  if (
    parsed.value.private === true ||
    name === undefined ||
    version === undefined ||
    name === '' ||
    version === ''
  )
    return undefined;
  return { name, version };
}
