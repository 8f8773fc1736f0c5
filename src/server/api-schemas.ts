import { z } from 'zod';

const name = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, "-" and "_", starting with a letter or digit');
/** Compose service names: letters, digits, ".", "_" and "-" (compose-spec). */
const serviceName = z
  .string()
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/,
    'letters, digits, ".", "_" and "-", starting with a letter or digit',
  );

/** Body of POST /api/v1/apps: a Compose file plus the files and variables it refers to. */
export const DeployRequestSchema = z
  .object({
    project: name.optional(),
    composeFile: z.object({ path: z.string().min(1), content: z.string() }).strict(),
    projectDir: z.string().startsWith('/', 'must be an absolute path'),
    environment: z.record(z.string(), z.string()).default({}),
    /** Absolute path -> content of `.env` and `env_file` files the CLI read for the daemon. */
    files: z.record(z.string(), z.string()).default({}),
  })
  .strict();
export type DeployRequest = z.infer<typeof DeployRequestSchema>;

/** Body of POST /api/v1/apps/{app}/scale. */
export const ScaleRequestSchema = z
  .object({
    replicas: z
      .record(serviceName, z.number().int().min(0).max(1000))
      .refine((r) => Object.keys(r).length > 0, 'name at least one service'),
  })
  .strict();
export type ScaleRequest = z.infer<typeof ScaleRequestSchema>;

export const LogsQuerySchema = z.object({
  service: serviceName.optional(),
  follow: z.enum(['0', '1', 'true', 'false']).optional(),
  tail: z.coerce.number().int().min(0).max(100_000).optional(),
});

/** Body of POST /api/v1/apps/{app}/rollback: a release number, or none for the last verified one. */
export const RollbackRequestSchema = z.object({ to: z.number().int().min(1).optional() }).strict();
