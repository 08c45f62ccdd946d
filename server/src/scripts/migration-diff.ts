import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../db/embedded-postgres.js';
import { openDatabase } from '../db/orm.js';

/**
 * `npm run migration:diff`: applies the committed migrations to a scratch embedded PostgreSQL and
 * prints the SQL that would bring it to what the entities describe: the body of the next migration.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-migration-diff-'));
const db = await startEmbeddedPostgres(dir);
try {
  const orm = await openDatabase(db.url);
  const sql = await orm.schema.getUpdateSchemaSQL({ wrap: false });
  console.log(sql.trim() || '-- no difference: the migrations match the entities');
  await orm.close();
} finally {
  await db.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
