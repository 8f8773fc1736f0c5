import path from 'node:path';
import { parseDotenv } from './dotenv.js';
import type { VariableLookup } from './interpolate.js';

interface ProjectEnvironmentInput {
  projectDir: string;
  environment: Readonly<Record<string, string | undefined>>;
}

/**
 * The project environment used for interpolation: the user's environment first, then the optional
 * `.env` file in the project directory (Compose's precedence: shell wins over `.env`).
 */
export function loadProjectEnvironment(
  input: ProjectEnvironmentInput,
  readFile: (absPath: string) => string | undefined,
  noteVariables: (used: readonly string[], unset: readonly string[], where: string) => void,
): VariableLookup {
  const fromEnvironment: VariableLookup = (name) =>
    Object.hasOwn(input.environment, name) ? input.environment[name] : undefined;
  const envPath = path.join(input.projectDir, '.env');
  const content = readFile(envPath);
  if (content === undefined) return fromEnvironment;
  const dotenv = parseDotenv(content, { file: envPath, lookup: fromEnvironment });
  noteVariables(dotenv.used, dotenv.unset, envPath);
  return (name) =>
    fromEnvironment(name) ?? (Object.hasOwn(dotenv.values, name) ? dotenv.values[name] : undefined);
}
