import { afterEach, expect } from 'vitest';
import { takeCspViolations } from './browser';

// Every browser test also proves the app runs under the server's Content-Security-Policy.
afterEach(() => {
  expect(takeCspViolations()).toEqual([]);
});
