export { optionEnvNames, parseListen, resolveConfig } from './resolve-config.js';
export type { OptionName, ResolvedConfig, UserConfig } from './resolve-config.js';
