/**
 * Image configuration checks with Dockle-compatible ids (`CIS-DI-*`, `DKL-DI-*`) plus Berth's own
 * (`BERTH-DI-*`): `checkImageConfig` over the config and, optionally, the file modes that
 * `imageConfigWanted` collects. `imageConfigRules` lists the rules for documentation.
 */
export { checkImageConfig } from './check-image-config.js';
export type { CheckImageConfigOptions, ImageFileInfo } from './check-image-config.js';
export { imageConfigWanted } from './image-config-wanted.js';
export { imageConfigRules } from './image-config-rules.js';
export type { DockleLevel, ImageConfigRule, ImageConfigRuleId } from './image-config-rules.js';
export { parseCreatedBy } from './history-steps.js';
export type { HistoryStep } from './history-steps.js';
export { isSecretName } from './secret-names.js';
export { isTrustedReference, registryOf } from './trusted-registry.js';
