/** Key of a replica slot in the orchestrator's memory (create failures have no container id yet). */
export const slotKey = (app: string, service: string, replica: number): string =>
  `${app}/${service}/${replica}`;
