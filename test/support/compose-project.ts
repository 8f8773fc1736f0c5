import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throwaway project folder holding a compose.yaml (and optional extra files). */
export interface ComposeProject {
  dir: string;
  file: string;
  write: (name: string, content: string) => string;
  remove: () => void;
}

export function composeProject(compose: string, extra: Record<string, string> = {}): ComposeProject {
  const dir = mkdtempSync(join(tmpdir(), 'berth-project-'));
  const write = (name: string, content: string): string => {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return path;
  };
  const file = write('compose.yaml', compose);
  for (const [name, content] of Object.entries(extra)) write(name, content);
  return { dir, file, write, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
