import net from 'node:net';
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
  /**
   * Who may say where a request came from (X-Forwarded-For): the addresses/CIDRs of our own proxies,
   * or how many proxy hops to believe. Default: nobody, so the client address is the socket's.
   */
  trustProxy: TrustProxy;
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
  /** Whether this process also runs background jobs (`npm start` does; API-only replicas set RUN_WORKER=false). */
  runWorker: boolean;
  /** Jobs a worker process runs at once (each import parse is one). */
  jobConcurrency: number;
  /** Seed the demo city into an empty database (default: yes, except in production). */
  seedDemo: boolean;
  /** Member exports building at once in one API process (each one per account). */
  exportMaxConcurrent: number;
  /** Full ID number / mobile reveals one account may make per hour. */
  revealLimitPerHour: number;
  /** Seconds after which a job whose worker stopped saying it is alive (a killed process) is run again. */
  jobLeaseSeconds: number;
  /** The card issuer (adapters/card-issuer): `simulator`, or the path of a module exporting `createCardIssuer(env)`. */
  cardIssuer: string;
  /** Seconds the simulator takes to answer for a chunk of applicants. */
  cardSimDelaySeconds: number;
  /** Share (0..1) of applicants the simulator refuses, chosen by ID number. */
  cardSimFailureRate: number;
  /** Seconds an issuer call may take before the try counts as failed (and is retried). */
  cardIssuerTimeoutSeconds: number;
  /** Tries of each issuing job before its batch is shown stuck. */
  cardIssueAttempts: number;
  /**
   * The social-security registry (adapters/social-security): `simulator`, or the path of a module
   * exporting `createSocialSecurityRegistry(env)`.
   */
  socialSecurityRegistry: string;
  /** Working days (on the business clock) until the simulator's answers are ready; 0: at once. */
  ssSimDelayDays: number;
  /** Share (0..1) of simulator calls that fail as if the registry were down. */
  ssSimFailureRate: number;
  /** Milliseconds each simulator call takes. */
  ssSimLatencyMs: number;
  /** How often a social-security check asks the registry again while it has not answered. */
  ssPollSeconds: number;
  /** Tries of a registry call before the members' checks are marked failed. */
  ssCheckAttempts: number;
}

export type TrustProxy = { addresses: string[] } | { hops: number } | 'none';

export class ConfigError extends Error {}

/** Names proxy-addr understands for the usual private ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: unset -> none; a whole number -> that many hops; else comma-separated addresses or CIDRs.
 * "Trust everyone" is not offered: it lets any client pick the address that rate limits and audit rows key on.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const raw = value?.trim() ?? '';
  if (raw === '') return 'none';
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops < 1 || hops > 10) throw new ConfigError('TRUST_PROXY as a hop count must be 1-10');
    return { hops };
  }
  const addresses = raw.split(',').map((a) => a.trim());
  for (const a of addresses) {
    const [ip, prefix, ...rest] = a.split('/');
    const family = net.isIP(ip);
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (!PROXY_RANGE_NAMES.has(a) && (family === 0 || !prefixOk || rest.length > 0)) {
      throw new ConfigError(`TRUST_PROXY: "${a}" is not an IP address or CIDR (e.g. 10.0.0.1,10.1.0.0/16) nor a hop count`);
    }
  }
  return { addresses };
}

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
    loginRatePerMinute: positiveInteger(env, 'LOGIN_RATE_PER_MINUTE', 30),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    webDist: path.join(repoRoot, 'web/dist'),
    appDataKey: env.APP_DATA_KEY || undefined,
    importMaxBytes: positiveInteger(env, 'IMPORT_MAX_BYTES', 10 * 1024 * 1024),
    importMaxRows: positiveInteger(env, 'IMPORT_MAX_ROWS', 100_000),
    importParseSeconds: positiveInteger(env, 'IMPORT_PARSE_SECONDS', 120),
    importParseMemoryMb: positiveInteger(env, 'IMPORT_PARSE_MEMORY_MB', 1024),
    importMaxParallel: positiveInteger(env, 'IMPORT_MAX_PARALLEL', 2),
    runWorker: env.RUN_WORKER ? env.RUN_WORKER === 'true' : true,
    jobConcurrency: positiveInteger(env, 'JOB_CONCURRENCY', 2),
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO === 'true' : !isProduction,
    exportMaxConcurrent: positiveInteger(env, 'EXPORT_MAX_CONCURRENT', 2),
    revealLimitPerHour: positiveInteger(env, 'REVEAL_LIMIT_PER_HOUR', 100),
    jobLeaseSeconds: positiveInteger(env, 'JOB_LEASE_SECONDS', 60),
    cardIssuer: env.CARD_ISSUER?.trim() || 'simulator',
    cardSimDelaySeconds: numberIn(env, 'CARD_SIM_DELAY', 3, 0, 3600),
    cardSimFailureRate: numberIn(env, 'CARD_SIM_FAILURE_RATE', 0.05, 0, 1),
    cardIssuerTimeoutSeconds: positiveInteger(env, 'CARD_ISSUER_TIMEOUT_SECONDS', 60),
    cardIssueAttempts: positiveInteger(env, 'CARD_ISSUE_ATTEMPTS', 5),
    socialSecurityRegistry: env.SOCIAL_SECURITY_REGISTRY?.trim() || 'simulator',
    ssSimDelayDays: wholeNumberIn(env, 'SS_SIM_DELAY_DAYS', 1, 0, 30),
    ssSimFailureRate: numberIn(env, 'SS_SIM_FAILURE_RATE', 0, 0, 1),
    ssSimLatencyMs: wholeNumberIn(env, 'SS_SIM_LATENCY_MS', 50, 0, 60_000),
    ssPollSeconds: wholeNumberIn(env, 'SS_POLL_SECONDS', 300, 1, 86_400),
    ssCheckAttempts: positiveInteger(env, 'SS_CHECK_ATTEMPTS', 5),
  };
}

/** A decimal number from `min` to `max`. */
function numberIn(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  const n = raw ? Number(raw) : fallback;
  if (!Number.isFinite(n) || n < min || n > max) throw new ConfigError(`${name} must be a number from ${min} to ${max}`);
  return n;
}

/** A whole number from `min` to `max`. */
function wholeNumberIn(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  const n = raw ? Number(raw) : fallback;
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const n = Number(env[name] ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new ConfigError(`${name} must be a whole number of at least 1`);
  return n;
}
