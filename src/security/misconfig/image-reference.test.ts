import { describe, expect, it } from 'vitest';
import { mutableImageTag } from './image-reference.js';

describe('mutableImageTag', () => {
  it.each([
    ['nginx', 'untagged'],
    ['library/nginx', 'untagged'],
    ['registry:5000/team/app', 'untagged'],
    ['nginx:latest', 'latest'],
    ['ghcr.io/acme/api:latest', 'latest'],
    ['nginx:1.27', undefined],
    ['registry:5000/team/app:2024.06', undefined],
    ['nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31', undefined],
    ['nginx:latest@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31', undefined],
    ['${IMAGE}', undefined],
    ['', undefined],
  ])('classifies %j as %j', (image, expected) => {
    expect(mutableImageTag(image)).toBe(expected);
  });
});
