import path from 'node:path';

/** Every setting of the server, read from the environment once and validated. */
export interface Config {
  nodeEnv: string;
  isProduction: boolean;
  host: string;
  port: number;
  /** Set: use this PostgreSQL. Unset: run an embedded PostgreSQL in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  captchaEnabled: boolean;
  /** Business date override (YYYY-MM-DD) for demos and tests. */
  appToday: string | undefined;
  cookieSecure: boolean;
  logLevel: string;
  /** Captcha + login requests allowed per client address per minute. */
  loginRatePerMinute: number;
  webDist: string;
  /** APP_DATA_KEY: base64 master key for personal data at rest (see pii/data-key.ts). */
  appDataKey: string | undefined;
  /** Upload limits of the member import. */
  importMaxBytes: number;
  importMaxRows: number;
  /** Wall-clock budget (s) and heap cap (MiB) of one import's parse process; parses at once per API process. */
  importParseSeconds: number;
  importParseMemoryMb: number;
  importMaxParallel: number;
  /** Seed the demo city into an empty database (default: yes, except in production). */
  seedDemo: boolean;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const isProduction = nodeEnv === 'production';
  const captcha = (env.AUTH_CAPTCHA ?? 'on').toLowerCase();
  if (captcha !== 'on' && captcha !== 'off') throw new ConfigError('AUTH_CAPTCHA must be "on" or "off"');
  // Switching the captcha off or moving the clock are test/demo aids; a production server refuses them.
  if (isProduction && captcha === 'off') throw new ConfigError('AUTH_CAPTCHA=off is refused when NODE_ENV=production');
  const appToday = env.APP_TODAY || undefined;
  if (appToday !== undefined) {
    if (isProduction) throw new ConfigError('APP_TODAY is refused when NODE_ENV=production');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(appToday) || Number.isNaN(Date.parse(appToday))) {
      throw new ConfigError('APP_TODAY must be a date like 2024-12-27');
    }
  }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('PORT must be a port number');
  const repoRoot = path.resolve(import.meta.dirname, '../..');
  return {
    nodeEnv,
    isProduction,
    host: env.HOST ?? '127.0.0.1',
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? path.join(repoRoot, '.data')),
    captchaEnabled: captcha === 'on',
    appToday,
    cookieSecure: env.COOKIE_SECURE ? env.COOKIE_SECURE === 'true' : isProduction,
    loginRatePerMinute: Number(env.LOGIN_RATE_PER_MINUTE ?? 30),
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    webDist: path.join(repoRoot, 'web/dist'),
    appDataKey: env.APP_DATA_KEY || undefined,
    importMaxBytes: positiveInt(env, 'IMPORT_MAX_BYTES', 10 * 1024 * 1024),
    importMaxRows: positiveInt(env, 'IMPORT_MAX_ROWS', 100_000),
    importParseSeconds: positiveInt(env, 'IMPORT_PARSE_SECONDS', 120),
    importParseMemoryMb: positiveInt(env, 'IMPORT_PARSE_MEMORY_MB', 1024),
    importMaxParallel: positiveInt(env, 'IMPORT_MAX_PARALLEL', 2),
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO === 'true' : !isProduction,
  };
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`${name} must be a positive whole number`);
  return n;
}
