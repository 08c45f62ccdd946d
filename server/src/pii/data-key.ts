import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export class DataKeyError extends Error {}

/**
 * The master key for personal data: APP_DATA_KEY (base64, 32 bytes) when set. Otherwise, outside
 * production only, a key generated once into `<dataDir>/data-key` (mode 0600) beside the embedded
 * database: never in the database, never in the repository. Losing it makes the stored ID numbers
 * and phones unreadable, so production must configure it explicitly (and back it up).
 */
export function loadDataKey(env: { appDataKey?: string; dataDir: string; isProduction: boolean }): Buffer {
  if (env.appDataKey) return decode(env.appDataKey, 'APP_DATA_KEY');
  if (env.isProduction) throw new DataKeyError('APP_DATA_KEY is required when NODE_ENV=production');
  const file = path.join(env.dataDir, 'data-key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(env.dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  return decode(fs.readFileSync(file, 'utf8').trim(), file);
}

function decode(value: string, source: string): Buffer {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32) throw new DataKeyError(`${source} must be 32 bytes, base64-encoded (e.g. \`openssl rand -base64 32\`)`);
  return key;
}
