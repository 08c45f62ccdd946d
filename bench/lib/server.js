// Helpers shared by the benchmarks: run the built server in a child process and talk to it.
import { fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');

export function startServer(dataDir, port, env = {}) {
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []), path.join(root, 'server/dist/main.js')],
    {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        AUTH_CAPTCHA: 'off',
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        LOGIN_RATE_PER_MINUTE: '100000',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let ready = false;
    child.stdout.on('data', (d) => {
      if (process.env.BENCH_ECHO) process.stdout.write(d);
      if (ready) return; // its log after start-up is drained, not kept (a loaded server at LOG_LEVEL info writes megabytes)
      out += d;
      if (out.includes('Ready in')) {
        ready = true;
        resolve({ child, ms: performance.now() - t0, url: `http://127.0.0.1:${port}` });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

export function stop(child) {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', resolve);
    child.kill('SIGINT');
  });
}

/**
 * Samples the resident memory of a process together with its descendants but the embedded PostgreSQL
 * (an import's parse process lives only seconds, so its own peak is gone when it exits) until the returned function is called;
 * that returns the peak in MiB: the highest sampled sum, or the process's own peak if higher.
 */
export function watchTreeRss(pid, everyMs = 50) {
  let peakKiB = 0;
  const timer = setInterval(() => (peakKiB = Math.max(peakKiB, treeRssKiB(pid))), everyMs);
  return () => {
    clearInterval(timer);
    return Math.max(peakKiB / 1024, peakRssMiB(pid));
  };
}

function treeRssKiB(rootPid) {
  const parents = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* the process just ended */
    }
  }
  let total = 0;
  for (const pid of parents.keys()) {
    let p = pid;
    while (p && p !== rootPid) p = parents.get(p);
    if (p !== rootPid) continue;
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') continue; // the embedded database is not the server
      total += Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      /* the process just ended */
    }
  }
  return total;
}

/** Peak resident set size of a process (VmHWM), in MiB. */
export function peakRssMiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

export function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: s.at(-1) };
}

export async function gql(url, cookie, query, variables = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return { res, body };
}

export async function login(url, username) {
  const r = await gql(
    url,
    undefined,
    `mutation { login(input: { username: "${username}", password: "Demo@2025", captchaId: "-", captchaAnswer: "-" }) { __typename } }`,
  );
  return r.res.headers.getSetCookie()[0].split(';')[0];
}

export function freePort() {
  return 3900 + Math.floor(Math.random() * 1000);
}

/** Starts the probe (probe.js) as a user of `url`; `stop()` answers its samples: { me, health, errors }. */
export function probe(url, cookie) {
  const child = fork(path.join(import.meta.dirname, 'probe.js'), [url, cookie], { stdio: 'inherit' });
  const samples = new Promise((resolve) => child.once('message', resolve));
  return {
    stop() {
      child.send('stop');
      return samples;
    },
  };
}
