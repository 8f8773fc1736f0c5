/**
 * Pipeline secrets (issue 6): `SecretBox` encrypts values at rest with AES-256-GCM under the key in
 * `$BERTH_HOME/secrets.key`, bound to their app and name; `assertSecretName` / `assertSecretValue` are the
 * rules for what may be stored; `secretsAvailableTo` decides which runs see them. Storage is elsewhere.
 */
export { SecretBox, secretFormatVersion } from './secret-box.js';
export { secretsAvailableTo } from './secret-exposure.js';
export type { SecretExposure, SecretExposureEvent, SecretTriggerKind } from './secret-exposure.js';
export { loadSecretKey, secretKeyFile, secretKeyLength } from './secret-key-file.js';
export {
  assertSecretName,
  forgeTokenName,
  webhookSecretName,
  maxSecretNameLength,
  reservedSecretPrefix,
  secretNamePattern,
} from './secret-name.js';
export { assertSecretValue, maxSecretValueBytes } from './secret-value.js';
