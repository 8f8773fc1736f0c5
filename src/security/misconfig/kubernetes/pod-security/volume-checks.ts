import {
  allowed,
  forbidden,
  joinQuote,
  pluralize,
  sortedSet,
  type CheckResult,
  type FieldViolation,
  type PodView,
} from './check-result.js';

/** hostPathVolumes (baseline, 1.0+): no `hostPath` volumes. */
export function hostPathVolumesV1Dot0({ spec }: PodView): CheckResult {
  const bad: string[] = [];
  const fields: FieldViolation[] = [];
  (spec.volumes ?? []).forEach((volume, index) => {
    if (volume.hostPath === undefined) return;
    const name = volume.name ?? `volumes[${index}]`;
    bad.push(name);
    fields.push({
      path: ['spec', 'volumes', index, 'hostPath'],
      message: `volume "${name}" must not use hostPath`,
    });
  });
  if (bad.length === 0) return allowed;
  return forbidden(
    'hostPath volumes',
    `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)}`,
    fields,
  );
}

/** Volume sources the restricted level allows (check_restrictedVolumes.go). */
const allowedVolumeSources = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

/**
 * restrictedVolumes (restricted, 1.0+): only the allowed volume sources. A volume with no source key is
 * allowed because the API server defaults it to `emptyDir`. Replaces hostPathVolumes at the restricted level.
 */
export function restrictedVolumesV1Dot0({ spec }: PodView): CheckResult {
  const bad: string[] = [];
  const types: string[] = [];
  const fields: FieldViolation[] = [];
  (spec.volumes ?? []).forEach((volume, index) => {
    const sources = Object.keys(volume).filter((key) => key !== 'name' && volume[key] !== undefined);
    if (sources.length === 0 || sources.some((source) => allowedVolumeSources.has(source))) return;
    const name = volume.name ?? `volumes[${index}]`;
    const type = sources[0] ?? 'unknown';
    bad.push(name);
    types.push(type);
    fields.push({
      path: ['spec', 'volumes', index, type],
      message: `volume "${name}" must not use restricted volume type "${type}"`,
    });
  });
  if (bad.length === 0) return allowed;
  const distinct = sortedSet(types);
  return forbidden(
    'restricted volume types',
    `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('restricted volume type', 'restricted volume types', distinct.length)} ${joinQuote(distinct)}`,
    fields,
  );
}
