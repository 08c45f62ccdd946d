import { describe, expect, it } from 'vitest';
import { parentOf } from './org-path.js';

describe('parentOf', () => {
  it.each([
    ['/1/2/5/6/', { id: 5, path: '/1/2/5/' }],
    ['/1/2/', { id: 1, path: '/1/' }],
    ['/1/', null],
  ])('the parent of %s is %j', (path, parent) => {
    expect(parentOf(path)).toEqual(parent);
  });
});
