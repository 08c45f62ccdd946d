import { describe, expect, it } from 'vitest';
import { ancestorAt, parentOf } from './org-path.js';

describe('parentOf', () => {
  it.each([
    ['/1/2/5/6/', { id: 5, path: '/1/2/5/' }],
    ['/1/2/', { id: 1, path: '/1/' }],
    ['/1/', null],
  ])('the parent of %s is %j', (path, parent) => {
    expect(parentOf(path)).toEqual(parent);
  });
});

describe('ancestorAt', () => {
  it.each([
    ['/1/2/5/6/', 2, { id: 2, path: '/1/2/' }],
    ['/1/2/5/6/', 1, { id: 1, path: '/1/' }],
    ['/1/2/', 2, { id: 2, path: '/1/2/' }],
    ['/1/', 2, null],
    ['/1/2/', 0, null],
  ])('the ancestor of %s at depth %i is %j', (path, depth, ancestor) => {
    expect(ancestorAt(path, depth)).toEqual(ancestor);
  });
});
