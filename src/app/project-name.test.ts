import { describe, expect, it } from 'vitest';
import { projectNameFromDir, projectNamePattern } from './project-name.js';

describe('projectNameFromDir', () => {
  it.each([
    ['/srv/shop', 'shop'],
    ['/home/me/My Shop.v2', 'myshopv2'],
    ['/x/__hidden-app', 'hidden-app'],
    ['/x/Ünïcode', 'ncode'],
    ['/', ''],
  ])('derives %j as %j', (dir, expected) => {
    expect(projectNameFromDir(dir)).toBe(expected);
  });

  it.each([
    ['shop', true],
    ['my_app-2', true],
    ['1app', true],
    ['-app', false],
    ['App', false],
    ['my.app', false],
  ])('accepts %j as an explicit name: %s', (name, valid) => {
    expect(projectNamePattern.test(name)).toBe(valid);
  });
});
