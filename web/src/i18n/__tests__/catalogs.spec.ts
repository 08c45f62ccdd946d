import { describe, expect, it } from 'vitest';
import en from '../en';
import zhCN from '../zh-CN';

function flatten(node: object, prefix = ''): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(node).flatMap(([key, value]) =>
      typeof value === 'object' && value !== null ? Object.entries(flatten(value, `${prefix}${key}.`)) : [[`${prefix}${key}`, value]],
    ),
  );
}

describe('message catalogs', () => {
  const chinese = flatten(zhCN);
  const english = flatten(en);

  it('have the same keys in Chinese and English', () => {
    expect(Object.keys(english).sort()).toEqual(Object.keys(chinese).sort());
  });

  it('have no empty message', () => {
    for (const [key, message] of Object.entries({ ...chinese, ...english })) {
      expect(message, key).toEqual(expect.stringMatching(/\S/));
    }
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (message: unknown) => [...String(message).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(chinese)) {
      expect(placeholders(english[key]), key).toEqual(placeholders(chinese[key]));
    }
  });
});
