import { z } from 'zod';

/*
 * The parts of a core/v1 Pod the Pod Security Standards and the reliability rules read. Every object is
 * loose (unknown fields are kept) and every field optional: the schemas check the types of the fields the
 * checks use, so a check never sees a string where Kubernetes would require a boolean. Names follow
 * k8s.io/api/core/v1/types.go.
 */

const handlerSchema = z.looseObject({
  httpGet: z.looseObject({ host: z.string().optional() }).optional(),
  tcpSocket: z.looseObject({ host: z.string().optional() }).optional(),
});

const seLinuxOptionsSchema = z.looseObject({
  type: z.string().optional(),
  user: z.string().optional(),
  role: z.string().optional(),
  level: z.string().optional(),
});

const profileSchema = z.looseObject({
  type: z.string().optional(),
  localhostProfile: z.string().optional(),
});

const windowsOptionsSchema = z.looseObject({ hostProcess: z.boolean().optional() });

const resourceListSchema = z.record(z.string(), z.union([z.string(), z.number()]));

export const securityContextSchema = z.looseObject({
  privileged: z.boolean().optional(),
  allowPrivilegeEscalation: z.boolean().optional(),
  capabilities: z
    .looseObject({ add: z.array(z.string()).optional(), drop: z.array(z.string()).optional() })
    .optional(),
  seLinuxOptions: seLinuxOptionsSchema.optional(),
  seccompProfile: profileSchema.optional(),
  appArmorProfile: profileSchema.optional(),
  windowsOptions: windowsOptionsSchema.optional(),
  procMount: z.string().optional(),
  runAsNonRoot: z.boolean().optional(),
  runAsUser: z.number().int().optional(),
  readOnlyRootFilesystem: z.boolean().optional(),
});

export const containerSchema = z.looseObject({
  name: z.string().optional(),
  image: z.string().optional(),
  imagePullPolicy: z.string().optional(),
  securityContext: securityContextSchema.optional(),
  ports: z.array(z.looseObject({ hostPort: z.number().int().optional() })).optional(),
  livenessProbe: handlerSchema.optional(),
  readinessProbe: handlerSchema.optional(),
  startupProbe: handlerSchema.optional(),
  lifecycle: z
    .looseObject({ postStart: handlerSchema.optional(), preStop: handlerSchema.optional() })
    .optional(),
  resources: z
    .looseObject({ requests: resourceListSchema.optional(), limits: resourceListSchema.optional() })
    .optional(),
  restartPolicy: z.string().optional(),
});

export const podSecurityContextSchema = z.looseObject({
  seLinuxOptions: seLinuxOptionsSchema.optional(),
  seccompProfile: profileSchema.optional(),
  appArmorProfile: profileSchema.optional(),
  windowsOptions: windowsOptionsSchema.optional(),
  runAsNonRoot: z.boolean().optional(),
  runAsUser: z.number().int().optional(),
  sysctls: z.array(z.looseObject({ name: z.string(), value: z.string().optional() })).optional(),
});

/** A pod volume: its `name` and one volume-source key (`emptyDir`, `hostPath`, `nfs`, …). */
export const volumeSchema = z.looseObject({ name: z.string().optional() });

export const podSpecSchema = z.looseObject({
  containers: z.array(containerSchema).optional(),
  initContainers: z.array(containerSchema).optional(),
  ephemeralContainers: z.array(containerSchema).optional(),
  volumes: z.array(volumeSchema).optional(),
  hostNetwork: z.boolean().optional(),
  hostPID: z.boolean().optional(),
  hostIPC: z.boolean().optional(),
  hostUsers: z.boolean().optional(),
  securityContext: podSecurityContextSchema.optional(),
  os: z.looseObject({ name: z.string().optional() }).optional(),
});

export const podMetadataSchema = z.looseObject({
  name: z.string().optional(),
  namespace: z.string().optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

export type PodSpec = z.infer<typeof podSpecSchema>;
export type PodMetadata = z.infer<typeof podMetadataSchema>;
export type Container = z.infer<typeof containerSchema>;
export type SecurityContext = z.infer<typeof securityContextSchema>;
export type Volume = z.infer<typeof volumeSchema>;
