// `npm start`: build what is out of date (server with tsc, web with vite), then run the server.
// A second start with nothing changed skips both builds, so it reaches "Ready" in a few seconds.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

function newestMtime(entries) {
  let newest = 0;
  for (const entry of entries) {
    const p = path.join(root, entry);
    if (!fs.existsSync(p)) continue;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(p)) newest = Math.max(newest, newestMtime([path.join(entry, child)]));
    } else newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

function buildIfStale(name, sources, output, args) {
  const out = path.join(root, output);
  if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= newestMtime(sources)) return;
  console.log(`Building ${name}...`);
  const r = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  fs.utimesSync(out, new Date(), new Date()); // mark the output as at least as new as its sources
}

buildIfStale('server', ['server/src', 'server/tsconfig.json', 'server/package.json'], 'server/dist/main.js', ['run', 'build', '-w', 'server']);
buildIfStale('web', ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/package.json'], 'web/dist/index.html', ['run', 'build', '-w', 'web']);

const server = spawn(process.execPath, [path.join(root, 'server/dist/main.js')], { stdio: 'inherit' });
// Ctrl-C reaches the server through the terminal's process group; forward other stops explicitly.
process.on('SIGTERM', () => server.kill('SIGTERM'));
process.on('SIGINT', () => {});
server.on('exit', (code) => process.exit(code ?? 0));
