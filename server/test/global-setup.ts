import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { openDatabase } from '../src/db/orm.js';
import { seedDemoCity } from '../src/db/seed/demo-city.js';
import { Clock } from '../src/common/clock.js';
import { PiiCipher } from '../src/pii/pii-cipher.js';
import { adminQuery, withDatabase, TEMPLATE_DB } from './support/databases.js';
import { TEST_DATA_KEY } from './support/test-server.js';

/**
 * One real PostgreSQL for the whole run. The demo city is migrated and seeded once into a template
 * database; every test file then gets its own copy (CREATE DATABASE ... TEMPLATE), so files run in
 * parallel without seeing each other's writes.
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-test-pg-'));
  const db = await startEmbeddedPostgres(dir);
  await adminQuery(db.url, `create database ${TEMPLATE_DB}`);
  const orm = await openDatabase(withDatabase(db.url, TEMPLATE_DB));
  // Sealed with the test servers' key, so they read the seeded members' personal data.
  await seedDemoCity(orm, { clock: new Clock(), cipher: new PiiCipher(Buffer.from(TEST_DATA_KEY, 'base64')) });
  await orm.close();
  project.provide('pgUrl', db.url);
  return async () => {
    await db.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}
