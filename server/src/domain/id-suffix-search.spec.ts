import { describe, expect, it } from 'vitest';
import { parseIdSuffixSearch } from './id-suffix-search.js';

describe('parseIdSuffixSearch', () => {
  it.each([
    ['0026', { suffix: '0026', name: null }],
    ['002x', { suffix: '002X', name: null }],
    [' ００２６ ', { suffix: '0026', name: null }],
    ['张三 0026', { suffix: '0026', name: '张三' }],
    ['张三0026', { suffix: '0026', name: '张三' }],
    ['张三　002X', { suffix: '002X', name: '张三' }],
    ['0026 张三', { suffix: '0026', name: '张三' }],
    ['0026张三', { suffix: '0026', name: '张三' }],
    ['阿依古丽·买买提 1234', { suffix: '1234', name: '阿依古丽·买买提' }],
    ['Li Lei 1234', { suffix: '1234', name: 'Li Lei' }],
  ])('reads %j as %j', (text, expected) => {
    expect(parseIdSuffixSearch(text)).toEqual(expected);
  });

  it.each(['', '张三', '026', '00261', '张三 00261', '张三1 0026', '0026 张三1', '13912345678', '412826199001010026', 'X026', '0026 0027'])(
    'does not read %j as a suffix search',
    (text) => {
      expect(parseIdSuffixSearch(text)).toBeNull();
    },
  );
});
