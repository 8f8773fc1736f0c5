/** What started a pipeline run, as far as secrets go. */
export type SecretTriggerKind = 'push' | 'tag' | 'pull_request' | 'manual' | 'schedule';

export interface SecretExposureEvent {
  kind: SecretTriggerKind;
  /**
   * Whether Berth authenticated and accepts the trigger: a push or tag webhook whose signature verified,
   * a manual run by a user allowed to deploy, a schedule one of them set. False for anything unverified.
   */
  trusted: boolean;
  /** Pull requests: whether the commits come from another repository. Unknown counts as a fork. */
  fromFork?: boolean;
  /** Pull requests: whether a maintainer approved running this one with secrets. */
  approved?: boolean;
}

export interface SecretExposure {
  available: boolean;
  /** One sentence for the run log, saying why secrets are or are not given to steps. */
  reason: string;
}

/**
 * Whether a run's steps may read secrets (`from_secret`), per issue 6: "not exposed to pipelines triggered
 * by unapproved events". Anything unauthenticated gets none; a pull request gets them only when it comes
 * from a branch of the repository itself or a maintainer approved it, since a fork's author could
 * otherwise change the pipeline to print them. Kinds this policy does not know get none.
 *
 * @example
 * secretsAvailableTo({ kind: 'pull_request', trusted: true, fromFork: true }); // { available: false, ... }
 */
export function secretsAvailableTo(event: SecretExposureEvent): SecretExposure {
  if (!event.trusted) {
    return {
      available: false,
      reason: `secrets are withheld: the ${label(event.kind)} was not authenticated or approved`,
    };
  }
  switch (event.kind) {
    case 'pull_request':
      if (event.fromFork === false) {
        return {
          available: true,
          reason: 'secrets are available: the pull request comes from a branch of the repository',
        };
      }
      if (event.approved === true) {
        return {
          available: true,
          reason: 'secrets are available: a maintainer approved this pull request from a fork',
        };
      }
      return {
        available: false,
        reason:
          'secrets are withheld: the pull request comes from a fork (or an unknown repository) and is not approved',
      };
    case 'push':
    case 'tag':
    case 'manual':
    case 'schedule':
      return { available: true, reason: `secrets are available: the ${label(event.kind)} is trusted` };
    default:
      return { available: false, reason: `secrets are withheld: unknown trigger "${String(event.kind)}"` };
  }
}

function label(kind: string): string {
  return kind === 'pull_request' ? 'pull request' : kind === 'manual' ? 'manual run' : kind;
}
