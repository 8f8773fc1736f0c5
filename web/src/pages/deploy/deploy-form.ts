/** App names the API accepts (`project`, as `berth up -p`): Compose's project name rule. */
export const appNamePattern = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * The top-level `name:` of a Compose file, if it has a plain one, so the app name field can follow
 * the file until the user types a name. Not a YAML parser: quoted or interpolated names are skipped.
 *
 * @example
 * nameFromCompose('name: shop\nservices: …') // 'shop'
 */
export function nameFromCompose(text: string): string | undefined {
  const match = /^name:[ \t]*["']?([a-z0-9][a-z0-9_-]*)["']?[ \t]*(?:#.*)?$/m.exec(text);
  return match?.[1];
}

/** Variables as a `.env` file writes them: `KEY=value` lines; `#` comments and blank lines are skipped. */
export interface ParsedEnv {
  environment: Record<string, string>;
  /** 1-based line numbers that are not `KEY=value`. */
  badLines: number[];
}

/**
 * Reads the variables box (`TAG=1.4`, `export X=1`, quoted values) into the `environment` the deploy
 * call sends for interpolation.
 *
 * @example
 * parseEnv('TAG=1.4\n# comment\nGREETING="hello world"').environment // { TAG: '1.4', GREETING: 'hello world' }
 */
export function parseEnv(text: string): ParsedEnv {
  const environment: Record<string, string> = {};
  const badLines: number[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match) {
      badLines.push(index + 1);
      return;
    }
    const value = (match[2] ?? '').trim();
    const quoted = /^(["'])(.*)\1$/.exec(value);
    environment[match[1] ?? ''] = quoted ? (quoted[2] ?? '') : value;
  });
  return { environment, badLines };
}

/**
 * Where relative paths of the file resolve on the daemon's host when the user gives no folder: the
 * dashboard has no local folder to send, as `berth up` does.
 */
export function defaultProjectDir(app: string): string {
  return `/srv/berth/${app || 'app'}`;
}

/** Index of the first character of 1-based `line` and `column` in `text`, to put the caret there. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  const end = text.indexOf('\n', offset);
  const lineLength = (end === -1 ? text.length : end) - offset;
  return offset + Math.min(Math.max(0, column - 1), lineLength);
}
