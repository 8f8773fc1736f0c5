import { describe, expect, it } from 'vitest';
import { formatFieldPath } from './field-path.js';

describe('formatFieldPath', () => {
  it.each([
    [['services', 'web', 'cap_add', 0], 'services.web.cap_add[0]'],
    [['spec', 'containers', 1, 'securityContext'], 'spec.containers[1].securityContext'],
    [
      ['metadata', 'annotations', 'container.apparmor.security.beta.kubernetes.io/app'],
      'metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]',
    ],
    [[], ''],
  ])('formats %j as %s', (path, expected) => {
    expect(formatFieldPath(path)).toBe(expected);
  });
});
