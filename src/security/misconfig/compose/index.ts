/** Compose misconfiguration checks mapped to the CIS Docker Benchmark §5. */
export { checkCompose } from './check-compose.js';
export { composeRules } from './compose-rules.js';
export type { ComposeRuleId } from './compose-rules.js';
