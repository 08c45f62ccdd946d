// Fails when web/src/gql is not what codegen makes of schema.graphql and the web's documents.
// It regenerates in place, so after a failure the fresh files are there to commit.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(import.meta.dirname, '../web/src/gql');
const read = () => Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
const before = read();
execFileSync('npx', ['graphql-codegen', '--config', 'codegen.yml', '--silent'], { cwd: path.resolve(import.meta.dirname, '..'), stdio: 'inherit' });
const after = read();
const stale = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => before[f] !== after[f]);
if (stale.length) {
  console.error(`web/src/gql was stale (${stale.join(', ')}): regenerated now, commit it.`);
  process.exit(1);
}
console.log('web/src/gql is up to date.');
