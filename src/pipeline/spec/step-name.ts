/** Names of steps and services: they become container names and network aliases (DNS labels). */
export const stepName = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;
