import 'reflect-metadata';
import { loadConfig, ConfigError } from './config.js';
import { Clock } from './common/clock.js';
import { ContextFactory } from './common/request-context.js';
import { maskPersonalNumbers } from './domain/mask.js';
import { openDatabase } from './db/orm.js';
import { underStartupLock } from './db/startup-lock.js';
import { createCrontab, createServices, createTasks } from './app/services.js';
import { createLoaders } from './app/modules.js';
import { startWorker, type JobLog } from './jobs/worker.js';

/**
 * `npm run worker`: background jobs only, no HTTP, on the database DATABASE_URL names. Run as many as
 * the work needs beside API replicas started with RUN_WORKER=false (docker-compose.yml does).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) throw new ConfigError('DATABASE_URL is required: a worker joins the database the API processes use');
  const databaseUrl = config.databaseUrl;
  const orm = await underStartupLock(databaseUrl, () => openDatabase(databaseUrl));
  const clock = new Clock(config.appToday);
  const services = createServices({ orm, config, clock });
  const worker = await startWorker({
    connectionString: config.databaseUrl,
    concurrency: config.jobConcurrency,
    leaseSeconds: config.jobLeaseSeconds,
    tasks: createTasks(services),
    crontab: createCrontab(),
    contexts: new ContextFactory(orm, services.readDb, createLoaders),
    log: jsonLog(config.logLevel),
  });
  console.log(`Worker ready: ${config.jobConcurrency} jobs at once`);
  const stop = async () => {
    await worker.stop();
    services.memberImports.close();
    await services.readDb.close();
    await orm.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

/** One JSON line per entry, personal numbers masked, like the API's log. */
function jsonLog(level: string): JobLog {
  const line = (lvl: string) => (details: object, msg: string) =>
    process.stdout.write(maskPersonalNumbers(JSON.stringify({ level: lvl, time: Date.now(), msg, ...details })) + '\n');
  return { error: line('error'), warn: line('warn'), debug: level === 'debug' || level === 'trace' ? line('debug') : () => {} };
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? `Configuration error: ${e.message}` : e);
  process.exit(1);
});
