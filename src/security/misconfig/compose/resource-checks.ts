import type { FieldPath } from '../field-path.js';
import { asArray, asText, isRecord, isTrue, type PlainRecord } from '../plain-value.js';
import type { ComposeOffense, ServiceContext } from './service-check.js';
import { keyOrService } from './service-check.js';

/** A limit counts as set when it is present and not zero (`0`, `"0"`, `-1` mean unlimited). */
function isLimit(value: unknown): boolean {
  const text = asText(value)?.trim();
  if (text === undefined || text === '') return false;
  const number = Number.parseFloat(text);
  return Number.isNaN(number) ? true : number > 0;
}

function deployLimits(service: PlainRecord): PlainRecord {
  const deploy = isRecord(service.deploy) ? service.deploy : {};
  const resources = isRecord(deploy.resources) ? deploy.resources : {};
  return isRecord(resources.limits) ? resources.limits : {};
}

/** The first of `keys` present in the service, as a path; the service path when none is. */
function firstPresent(context: ServiceContext, keys: readonly string[]): FieldPath {
  const key = keys.find((candidate) => candidate in context.service);
  return key === undefined ? context.path : [...context.path, key];
}

/** BC501-BC506: read-only root filesystem, memory/CPU/pids limits and the healthcheck. */
export function resourceChecks(context: ServiceContext): ComposeOffense[] {
  const { name, service } = context;
  const limits = deployLimits(service);
  const offenses: ComposeOffense[] = [];
  if (!isTrue(service.read_only)) {
    offenses.push({
      rule: 'BC501',
      path: keyOrService(context, 'read_only'),
      message: `service "${name}" has a writable root filesystem (read_only is not true)`,
    });
  }
  if (!isLimit(service.mem_limit) && !isLimit(limits.memory)) {
    offenses.push({
      rule: 'BC502',
      path: firstPresent(context, ['mem_limit', 'deploy']),
      message: `service "${name}" has no memory limit (deploy.resources.limits.memory or mem_limit)`,
    });
  }
  const cpuKeys = ['cpus', 'cpu_quota', 'cpu_shares'];
  if (!cpuKeys.some((key) => isLimit(service[key])) && !isLimit(limits.cpus)) {
    offenses.push({
      rule: 'BC503',
      path: firstPresent(context, [...cpuKeys, 'deploy']),
      message: `service "${name}" has no CPU limit (deploy.resources.limits.cpus, cpus or cpu_shares)`,
    });
  }
  if (!isLimit(service.pids_limit) && !isLimit(limits.pids)) {
    offenses.push({
      rule: 'BC504',
      path: firstPresent(context, ['pids_limit', 'deploy']),
      message: `service "${name}" has no process limit (pids_limit)`,
    });
  }
  offenses.push(...healthcheckCheck(context));
  return offenses;
}

function healthcheckCheck({ name, service, path }: ServiceContext): ComposeOffense[] {
  const healthcheck = service.healthcheck;
  if (!isRecord(healthcheck)) {
    return [
      {
        rule: 'BC505',
        path,
        message: `service "${name}" has no healthcheck; a hung process is only noticed if the image defines HEALTHCHECK`,
      },
    ];
  }
  const test = Array.isArray(healthcheck.test)
    ? asText(asArray(healthcheck.test)[0])
    : asText(healthcheck.test);
  if (isTrue(healthcheck.disable)) {
    return [
      {
        rule: 'BC506',
        path: [...path, 'healthcheck', 'disable'],
        message: `service "${name}" disables its healthcheck`,
      },
    ];
  }
  if (test?.trim().toUpperCase() === 'NONE') {
    return [
      {
        rule: 'BC506',
        path: [...path, 'healthcheck', 'test'],
        message: `service "${name}" disables its healthcheck with test: NONE`,
      },
    ];
  }
  return [];
}
