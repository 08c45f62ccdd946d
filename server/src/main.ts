import 'reflect-metadata';
import { loadConfig, ConfigError } from './config.js';
import { Clock } from './common/clock.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded-postgres.js';
import { openDatabase } from './db/orm.js';
import { underStartupLock } from './db/startup-lock.js';
import { seedDemoCity, DEMO_PASSWORD, DEMO_ACCOUNTS } from './db/seed/demo-city.js';
import { createApp } from './app/server.js';
import { PiiCipher } from './pii/pii-cipher.js';
import { loadDataKey } from './pii/data-key.js';
import path from 'node:path';

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(path.join(config.dataDir, 'pg'));
    databaseUrl = embedded.url;
  }
  const clock = new Clock(config.appToday);
  const orm = await underStartupLock(databaseUrl, async () => {
    const opened = await openDatabase(databaseUrl);
    if (config.seedDemo) await seedDemoCity(opened, { clock, cipher: new PiiCipher(loadDataKey(config)) });
    return opened;
  });
  const app = await createApp({ orm, config, clock });
  await app.fastify.listen({ host: config.host, port: config.port });

  const address = app.fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`\nReady in ${seconds}s: ${url}   (business date ${clock.today()}${config.appToday ? ', set by APP_TODAY' : ''})`);
  if (config.seedDemo) {
    console.log(`Demo logins (password ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(16)} ${a.role.padEnd(9)} ${a.org}`);
  }
  if (!config.captchaEnabled) console.log('Captcha is OFF (AUTH_CAPTCHA=off): any answer is accepted.');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping...`);
    await app.fastify.close();
    await orm.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? `Configuration error: ${e.message}` : e);
  process.exit(1);
});
