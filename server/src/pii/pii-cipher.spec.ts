import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PiiCipher } from './pii-cipher.js';
import { loadDataKey } from './data-key.js';

const key = randomBytes(32);

describe('PiiCipher', () => {
  const cipher = new PiiCipher(key);

  it('round-trips and never stores the plain value', () => {
    const sealed = cipher.encrypt('11010519491231002X');
    expect(sealed).not.toContain('11010519491231002X');
    expect(sealed).not.toContain('1949');
    expect(cipher.decrypt(sealed)).toBe('11010519491231002X');
  });

  it('encrypts equal values differently but indexes them equally', () => {
    expect(cipher.encrypt('13800138000')).not.toBe(cipher.encrypt('13800138000'));
    expect(cipher.blindIndex('mobile', '13800138000')).toBe(cipher.blindIndex('mobile', '13800138000'));
    expect(cipher.blindIndex('id', '13800138000')).not.toBe(cipher.blindIndex('mobile', '13800138000'));
  });

  it('refuses a tampered ciphertext and another key', () => {
    const sealed = cipher.encrypt('13800138000');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('13900139000').toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
    expect(() => new PiiCipher(randomBytes(32)).decrypt(sealed)).toThrow();
    expect(new PiiCipher(randomBytes(32)).blindIndex('id', 'x')).not.toBe(cipher.blindIndex('id', 'x'));
  });
});

describe('loadDataKey', () => {
  it('uses APP_DATA_KEY, refuses a wrong length, requires it in production', () => {
    expect(loadDataKey({ appDataKey: key.toString('base64'), dataDir: '/nonexistent', isProduction: true })).toEqual(key);
    expect(() => loadDataKey({ appDataKey: 'c2hvcnQ=', dataDir: '/nonexistent', isProduction: false })).toThrow(/32 bytes/);
    expect(() => loadDataKey({ dataDir: '/nonexistent', isProduction: true })).toThrow(/APP_DATA_KEY is required/);
  });

  it('generates a private key file once beside the embedded database and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-key-'));
    try {
      const first = loadDataKey({ dataDir: dir, isProduction: false });
      expect(first).toHaveLength(32);
      expect(fs.statSync(path.join(dir, 'data-key')).mode & 0o777).toBe(0o600);
      expect(loadDataKey({ dataDir: dir, isProduction: false })).toEqual(first);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
