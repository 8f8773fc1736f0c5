/** One progress report of a git command, from its stderr. */
export interface GitProgress {
  /** As git names it: "Receiving objects", "Resolving deltas", "Updating files"... */
  readonly task: string;
  /** 0-100 when git knows the total. */
  readonly percent?: number;
  readonly done?: number;
  readonly total?: number;
  /** True when git came from the server ("remote: ..."). */
  readonly remote: boolean;
}

const progressLine =
  /^(remote:\s*)?([A-Z][a-z]+(?: [a-z]+)*):\s+(?:(\d{1,3})% \((\d+)\/(\d+)\)|(\d+)(?:,|$))/;

/**
 * Reads one `--progress` line git writes to stderr ("Receiving objects:  45% (9/20), 1.2 MiB |
 * 3 MiB/s"), or undefined for other lines.
 *
 * @example
 * parseGitProgress('Receiving objects:  45% (9/20)'); // { task: 'Receiving objects', percent: 45, done: 9, total: 20, remote: false }
 */
export function parseGitProgress(line: string): GitProgress | undefined {
  const match = progressLine.exec(line.trim());
  if (match === null) return undefined;
  const [, remote, task = '', percent, done, total, count] = match;
  if (percent !== undefined) {
    return { task, percent: Number(percent), done: Number(done), total: Number(total), remote: !!remote };
  }
  return { task, done: Number(count), remote: !!remote };
}
