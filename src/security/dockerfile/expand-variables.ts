/**
 * Substitutes `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:+alt}` and `${NAME+alt}` the
 * way the Dockerfile reference describes environment replacement. Returns undefined when a variable has no
 * value and no default, so callers can tell "unknown" from "empty".
 */
export function expandVariables(
  text: string,
  lookup: (name: string) => string | undefined,
): string | undefined {
  let result = '';
  let unresolved = false;
  const pattern = /\\\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;
  let last = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    result += text.slice(last, match.index);
    last = match.index + match[0].length;
    if (match[0] === '\\$') {
      result += '$';
      continue;
    }
    const name = match[1] ?? match[4] ?? '';
    const value = lookup(name);
    const operator = match[2];
    const word = match[3] ?? '';
    const empty = value === undefined || (operator?.startsWith(':') === true && value === '');
    if (operator === ':-' || operator === '-') result += empty ? word : (value ?? '');
    else if (operator === ':+' || operator === '+') result += empty ? '' : word;
    else if (value === undefined) unresolved = true;
    else result += value;
  }
  result += text.slice(last);
  return unresolved ? undefined : result;
}

/** True when the text mentions a variable (`$NAME` or `${...}`). */
export function hasVariable(text: string): boolean {
  return /\$(\{|[A-Za-z_])/.test(text);
}
