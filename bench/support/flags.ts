/** A whole-number flag (`--rounds 3`); a clear error instead of NaN that would silently skip a loop. */
export function countFlag(name: string, value: string | undefined, min = 1): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`--${name} "${value}" is not a whole number of at least ${min}`);
  return n;
}
