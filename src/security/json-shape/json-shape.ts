/**
 * Checks of parsed JSON against the shapes the scanner reads (image manifests and configs, npm lockfiles).
 *
 * Why not zod, as everywhere else: loading zod takes ~50 ms (94 modules, 850 KB of source), a third of the
 * time an image scan may take above merely reading the tarball (bench/scan.ts, issue 4: within 2x of a tar
 * walk), for the four small documents a scan validates. These checks cover only what those documents need:
 * strings, integers, booleans, literals, arrays, records and loose objects (unknown keys are kept), each
 * reporting the first problem with its path. Schemas elsewhere (config, API bodies, OSV records, VEX) stay
 * in zod.
 */

export type ShapePath = readonly (string | number)[];

/** The first place where a value does not have the expected shape. */
export interface ShapeIssue {
  readonly path: ShapePath;
  /** What was expected and what was found: `expected a string, got number`. */
  readonly message: string;
}

/**
 * A check that a parsed JSON value has type `T`. `T` appears in a method parameter and a result so that
 * `Shape<string>` and `Shape<string | undefined>` are not interchangeable: an object shape typed against an
 * interface must mark exactly its optional properties with {@link optional}.
 */
export interface Shape<T> {
  check(value: unknown, path: ShapePath): ShapeIssue | undefined;
  /** Type-level only; never set. */
  readonly _type?: (value: T) => T;
}

export type ShapeResult<T> = { ok: true; value: T } | { ok: false; issue: ShapeIssue };

/**
 * Checks `value` and returns it, typed, when it has the shape (the value itself: loose objects keep
 * their other keys), else the first issue.
 *
 * @example
 * const r = parseShape(looseObject<{ name: string }>({ name: string() }), JSON.parse(text));
 * if (r.ok) r.value.name;
 */
export function parseShape<T>(shape: Shape<T>, value: unknown): ShapeResult<T> {
  const issue = shape.check(value, []);
  return issue === undefined ? { ok: true, value: value as T } : { ok: false, issue };
}

/** `null`, `array`, or the `typeof` of a value, for messages. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

const issue = (path: ShapePath, expected: string, value: unknown): ShapeIssue => ({
  path,
  message: `expected ${expected}, got ${kindOf(value)}`,
});

const shape = <T>(check: Shape<T>['check']): Shape<T> => ({ check });

/** A string, optionally matching `pattern` (`what` says what the pattern means in messages). */
export function string(pattern?: { regex: RegExp; what: string }): Shape<string> {
  return shape((value, path) => {
    if (typeof value !== 'string') return issue(path, 'a string', value);
    if (pattern !== undefined && !pattern.regex.test(value))
      return { path, message: `expected ${pattern.what}, got "${value.slice(0, 80)}"` };
    return undefined;
  });
}

/** A whole number, at least `min` when given. */
export function integer(options: { min?: number } = {}): Shape<number> {
  return shape((value, path) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) return issue(path, 'an integer', value);
    if (options.min !== undefined && value < options.min)
      return { path, message: `expected an integer of at least ${options.min}, got ${value}` };
    return undefined;
  });
}

export function boolean(): Shape<boolean> {
  return shape((value, path) =>
    typeof value === 'boolean' ? undefined : issue(path, 'true or false', value),
  );
}

export function literal<const T extends string | number | boolean>(expected: T): Shape<T> {
  return shape((value, path) =>
    value === expected
      ? undefined
      : { path, message: `expected ${JSON.stringify(expected)}, got ${JSON.stringify(value) ?? 'nothing'}` },
  );
}

/** Any value, unchecked. */
export function unknown(): Shape<unknown> {
  return shape(() => undefined);
}

/** The value may be missing (`undefined`). */
export function optional<T>(inner: Shape<T>): Shape<T | undefined> {
  return shape((value, path) => (value === undefined ? undefined : inner.check(value, path)));
}

/** The value may be missing or `null` (Docker writes `null` for empty lists and maps). */
export function nullish<T>(inner: Shape<T>): Shape<T | null | undefined> {
  return shape((value, path) =>
    value === undefined || value === null ? undefined : inner.check(value, path),
  );
}

export function array<T>(item: Shape<T>): Shape<T[]> {
  return shape((value, path) => {
    if (!Array.isArray(value)) return issue(path, 'an array', value);
    for (let i = 0; i < value.length; i++) {
      const problem = item.check(value[i], [...path, i]);
      if (problem !== undefined) return problem;
    }
    return undefined;
  });
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object used as a map: every value has the shape `item`. */
export function record<T>(item: Shape<T>): Shape<Record<string, T>> {
  return shape((value, path) => {
    if (!isPlainObject(value)) return issue(path, 'an object', value);
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const problem = item.check(value[key], [...path, key]);
      if (problem !== undefined) return problem;
    }
    return undefined;
  });
}

/**
 * An object with at least the listed properties (others are allowed and kept). Typed against an interface:
 * every property of `T` needs a shape, and optional ones an {@link optional} or {@link nullish} shape.
 */
export function looseObject<T extends object>(properties: { [K in keyof T]-?: Shape<T[K]> }): Shape<T> {
  const entries = Object.entries(properties) as [string, Shape<unknown>][];
  return shape((value, path) => {
    if (!isPlainObject(value)) return issue(path, 'an object', value);
    for (const [key, property] of entries) {
      const problem = property.check(Object.hasOwn(value, key) ? value[key] : undefined, [...path, key]);
      if (problem !== undefined) return problem;
    }
    return undefined;
  });
}

/** A recursive shape, resolved on first use. */
export function lazy<T>(resolve: () => Shape<T>): Shape<T> {
  let resolved: Shape<T> | undefined;
  return shape((value, path) => (resolved ??= resolve()).check(value, path));
}
