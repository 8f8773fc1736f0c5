/**
 * Compose variable interpolation (Compose Specification, "Interpolation"): `$VAR`, `${VAR}`,
 * `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`,
 * nesting inside the operand (`${A:-${B}}`) and `$$` for a literal `$`. A `$` that starts neither a
 * name nor `${` is kept as written, as the spec says. Operands are evaluated lazily, like a shell.
 */
export type InterpolationResult =
  | { ok: true; value: string; used: string[]; unset: string[] }
  | { ok: false; error: string; hint: string; used: string[] };

export type VariableLookup = (name: string) => string | undefined;

type Operator = ':-' | '-' | ':?' | '?' | ':+' | '+';
type Part = string | { name: string; operator?: Operator; operand: Part[] };

const syntaxHint =
  'Write $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?message}, ${VAR:+alternative}; escape a literal $ as $$.';
const nameStart = /[A-Za-z_]/;
const nameChar = /[A-Za-z0-9_]/;
const operators: readonly Operator[] = [':-', ':?', ':+', '-', '?', '+'];

class TemplateError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/**
 * @example
 * interpolate('nginx:${TAG:-latest}', (name) => env[name]); // { ok: true, value: 'nginx:latest', ... }
 */
export function interpolate(template: string, lookup: VariableLookup): InterpolationResult {
  const used = new Set<string>();
  const unset = new Set<string>();
  try {
    const [parts] = parse(template, 0, false);
    const value = evaluate(
      parts,
      (name) => {
        used.add(name);
        return lookup(name);
      },
      unset,
    );
    return { ok: true, value, used: [...used], unset: [...unset] };
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    return { ok: false, error: error.message, hint: error.hint, used: [...used] };
  }
}

/** Parses from `start`; inside an operand (`nested`) stops at the closing `}` and returns its index. */
function parse(s: string, start: number, nested: boolean): [Part[], number] {
  const parts: Part[] = [];
  let literal = '';
  let i = start;
  while (i < s.length) {
    const c = s[i];
    if (c === '}' && nested) break;
    if (c !== '$') {
      literal += c;
      i += 1;
      continue;
    }
    const next = s[i + 1];
    if (next === '$') {
      literal += '$';
      i += 2;
    } else if (next === '{') {
      const [part, end] = parseBraced(s, i);
      parts.push(literal, part);
      literal = '';
      i = end + 1;
    } else if (next !== undefined && nameStart.test(next)) {
      const end = scanName(s, i + 1);
      parts.push(literal, { name: s.slice(i + 1, end), operand: [] });
      literal = '';
      i = end;
    } else {
      literal += '$';
      i += 1;
    }
  }
  if (nested && i >= s.length) {
    throw new TemplateError(`invalid interpolation format in "${s}": missing closing "}"`, syntaxHint);
  }
  parts.push(literal);
  return [parts.filter((p) => p !== ''), i];
}

/** Parses `${...}` starting at the `$`; returns the part and the index of its closing `}`. */
function parseBraced(s: string, dollar: number): [Part, number] {
  const nameEnd = nameStart.test(s[dollar + 2] ?? '') ? scanName(s, dollar + 2) : dollar + 2;
  const name = s.slice(dollar + 2, nameEnd);
  const rest = s.slice(nameEnd);
  if (name === '' || !(rest.startsWith('}') || operators.some((op) => rest.startsWith(op)))) {
    const end = s.indexOf('}', dollar);
    const shown = end === -1 ? s.slice(dollar) : s.slice(dollar, end + 1);
    const why = end === -1 ? 'missing closing "}"' : `"${shown}" is not a supported expression`;
    throw new TemplateError(`invalid interpolation format in "${s}": ${why}`, syntaxHint);
  }
  if (rest.startsWith('}')) return [{ name, operand: [] }, nameEnd];
  const operator = operators.find((op) => rest.startsWith(op)) as Operator;
  const [operand, end] = parse(s, nameEnd + operator.length, true);
  return [{ name, operator, operand }, end];
}

function scanName(s: string, start: number): number {
  let end = start;
  while (end < s.length && nameChar.test(s[end] ?? '')) end += 1;
  return end;
}

function evaluate(parts: Part[], lookup: VariableLookup, unset: Set<string>): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const value = lookup(part.name);
    const isSet = value !== undefined;
    const nonEmpty = isSet && value !== '';
    const operand = (): string => evaluate(part.operand, lookup, unset);
    switch (part.operator) {
      case undefined:
        if (!isSet) unset.add(part.name);
        out += value ?? '';
        break;
      case ':-':
        out += nonEmpty ? value : operand();
        break;
      case '-':
        out += isSet ? value : operand();
        break;
      case ':?':
      case '?': {
        if (part.operator === ':?' ? nonEmpty : isSet) {
          out += value;
          break;
        }
        const message = operand();
        throw new TemplateError(
          `required variable ${part.name} is missing a value${message === '' ? '' : `: ${message}`}`,
          `Set ${part.name} in the environment or in the project's .env file.`,
        );
      }
      case ':+':
        out += nonEmpty ? operand() : '';
        break;
      case '+':
        out += isSet ? operand() : '';
        break;
    }
  }
  return out;
}
