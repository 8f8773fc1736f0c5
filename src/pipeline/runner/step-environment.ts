import type { EnvValue, ParseResult } from '../spec/index.js';

/** What a step's environment is made of, lowest precedence first. */
export interface StepEnvironmentInput {
  /** `BERTH_*` run variables. */
  readonly variables: Readonly<Record<string, string>>;
  /** Outputs of earlier built-in steps, by step name. */
  readonly outputs?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The step's (or service's) `environment`. */
  readonly environment: Readonly<Record<string, EnvValue>>;
  /** The step's `secrets`: each becomes the variable of the same name. */
  readonly secretNames: readonly string[];
  /** The secrets this run may see. */
  readonly secrets: ReadonlyMap<string, string>;
}

/**
 * The environment variable that carries output `key` of step `step` into later steps.
 *
 * @example
 * outputVariableName('image', 'image_digest'); // 'BERTH_OUTPUT_IMAGE_IMAGE_DIGEST'
 */
export function outputVariableName(step: string, key: string): string {
  const part = (text: string): string => text.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
  return `BERTH_OUTPUT_${part(step)}_${part(key)}`;
}

/**
 * A container's environment: run variables, then outputs of earlier steps, then `environment` (with
 * `from_secret` resolved), then `secrets`. Fails, naming every secret the run cannot see (a fork's
 * pull request gets none), rather than starting the step with an empty value.
 *
 * @example
 * buildStepEnvironment({ variables: { BERTH_RUN: '7' }, environment: { TOKEN: { fromSecret: 'npm' } },
 *   secretNames: [], secrets: new Map([['npm', 'tok_3f9a8b7c6d']]) });
 * // { ok: true, value: { BERTH_RUN: '7', TOKEN: 'tok_3f9a8b7c6d' } }
 */
export function buildStepEnvironment(input: StepEnvironmentInput): ParseResult<Record<string, string>> {
  const env: Record<string, string> = { ...input.variables };
  for (const [step, outputs] of Object.entries(input.outputs ?? {})) {
    for (const [key, value] of Object.entries(outputs)) env[outputVariableName(step, key)] = value;
  }
  const missing: string[] = [];
  const secretValue = (name: string, variable: string): string => {
    const value = input.secrets.get(name);
    if (value === undefined) missing.push(`"${name}" (for ${variable})`);
    return value ?? '';
  };
  for (const [name, value] of Object.entries(input.environment)) {
    env[name] = typeof value === 'string' ? value : secretValue(value.fromSecret, name);
  }
  for (const name of input.secretNames) env[name] = secretValue(name, name);
  if (missing.length > 0) {
    return {
      ok: false,
      reason: `secret ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not available to this run`,
    };
  }
  return { ok: true, value: env };
}

/** `NAME=value` entries as the Engine API's `Env` wants them, sorted for stable container specs. */
export function toDockerEnv(env: Readonly<Record<string, string>>): string[] {
  return Object.keys(env)
    .sort()
    .map((name) => `${name}=${env[name] ?? ''}`);
}
