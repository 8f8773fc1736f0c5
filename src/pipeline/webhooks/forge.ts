/**
 * The git forges whose webhooks Berth accepts. Forgejo is a fork of Gitea with the same payloads and
 * signature scheme; it is named separately because it sends `X-Forgejo-*` headers besides the Gitea ones.
 */
export const forges = ['github', 'gitea', 'forgejo', 'gitlab'] as const;

export type Forge = (typeof forges)[number];

export function isForge(value: string): value is Forge {
  return (forges as readonly string[]).includes(value);
}
