import { z } from 'zod';

export interface NpmPackage {
  readonly name: string;
  readonly version: string;
}

const LockDependencySchema: z.ZodType<LockDependency> = z.lazy(() =>
  z.looseObject({
    version: z.string().optional(),
    dev: z.boolean().optional(),
    dependencies: z.record(z.string(), LockDependencySchema).optional(),
  }),
);
interface LockDependency {
  version?: string | undefined;
  dev?: boolean | undefined;
  dependencies?: Record<string, LockDependency> | undefined;
}

const PackageLockSchema = z.looseObject({
  lockfileVersion: z.number().int().optional(),
  packages: z
    .record(
      z.string(),
      z.looseObject({
        name: z.string().optional(),
        version: z.string().optional(),
        dev: z.boolean().optional(),
        link: z.boolean().optional(),
      }),
    )
    .optional(),
  dependencies: z.record(z.string(), LockDependencySchema).optional(),
});

const PackageJsonSchema = z.looseObject({
  name: z.string().optional(),
  version: z.string().optional(),
  private: z.boolean().optional(),
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
  const parsed = PackageLockSchema.safeParse(parseJson(text));
  if (!parsed.success) return undefined;
  const lock = parsed.data;
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
  const parsed = PackageJsonSchema.safeParse(parseJson(text));
  if (!parsed.success) return undefined;
  const { name, version } = parsed.data;
  if (
    parsed.data.private === true ||
    name === undefined ||
    version === undefined ||
    name === '' ||
    version === ''
  )
    return undefined;
  return { name, version };
}
