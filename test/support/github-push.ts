import { createHmac } from 'node:crypto';

/**
 * Sends a GitHub push webhook for `commit` to a daemon, signed as GitHub signs it
 * (`X-Hub-Signature-256` = HMAC-SHA256 of the raw body with the webhook secret).
 */
export function sendGithubPush(input: {
  daemonUrl: string;
  app: string;
  secret: string;
  commit: string;
  before: string;
  delivery: string;
  modified?: string[];
}): Promise<Response> {
  const change = {
    id: input.commit,
    message: 'change',
    added: [],
    removed: [],
    modified: input.modified ?? [],
  };
  const body = JSON.stringify({
    ref: 'refs/heads/main',
    before: input.before,
    after: input.commit,
    created: false,
    deleted: false,
    forced: false,
    base_ref: null,
    compare: 'https://github.example/acme/shop/compare',
    repository: {
      id: 1,
      name: 'shop',
      full_name: 'acme/shop',
      private: true,
      owner: { login: 'acme' },
      html_url: 'https://github.example/acme/shop',
      clone_url: 'https://github.example/acme/shop.git',
      ssh_url: 'git@github.example:acme/shop.git',
      default_branch: 'main',
    },
    pusher: { name: 'ada', email: 'ada@example.com' },
    sender: { login: 'ada' },
    commits: [change],
    head_commit: change,
  });
  return fetch(`${input.daemonUrl}/hooks/${input.app}/github`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'push',
      'x-github-delivery': input.delivery,
      'x-hub-signature-256': `sha256=${createHmac('sha256', input.secret).update(body).digest('hex')}`,
    },
    body,
  });
}
