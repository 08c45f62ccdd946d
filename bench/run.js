// npm run bench [-- startup|import|members|export|attack|xlsx|cards|reads|enrollment|statistics|campaign]: runs the named benchmarks (default: all) against the built server.
// Each runs in its own process, so its exit code (1: a target missed, see lib/report.js) is its own and a
// failing or crashing bench does not stop the others; the run exits 1 at the end if any failed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const all = ['startup', 'import', 'members', 'export', 'attack', 'xlsx', 'cards', 'reads', 'enrollment', 'statistics', 'campaign'];
const args = process.argv.slice(2);
const unknown = args.filter((a) => !all.includes(a));
if (unknown.length) {
  // Rather than run all of them for half an hour because of a typo.
  console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${all.join(', ')}`);
  process.exit(2);
}
const failed = [];
for (const name of args.length ? args : all) {
  console.log(`\n=== bench: ${name} ===`);
  const { status, signal } = spawnSync(process.execPath, [path.join(import.meta.dirname, `${name}.js`)], { stdio: 'inherit' });
  if (status !== 0) failed.push(`${name} (${signal ?? `exit ${status}`})`);
}
console.log(failed.length ? `\nbench: FAILED ${failed.join(', ')}` : '\nbench: all passed');
process.exitCode = failed.length ? 1 : 0;
