import type { VariableLookup } from './interpolate.js';

/** What the per-section loaders share while one Compose file is loaded. */
export interface LoadContext {
  projectDir: string;
  projectName: string;
  /** The project environment: the user's environment first, then `.env`; records each name looked up. */
  lookup: VariableLookup;
  /** Reads a file named by the Compose file (env_file); undefined when missing; records it as read. */
  readFile: (absPath: string) => string | undefined;
  /** Records variables looked up and unset while expanding env files. */
  noteVariables: (used: readonly string[], unset: readonly string[], where: string) => void;
  warn: (message: string) => void;
  /** Keys declared under top-level `networks` (plus `default`) and `volumes`. */
  networks: ReadonlySet<string>;
  volumes: ReadonlySet<string>;
}
