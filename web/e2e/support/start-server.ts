import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const serverEntry = path.join(repoRoot, 'server/dist/main.js');
const webBuild = path.join(repoRoot, 'web/dist/index.html');
const STARTUP_TIMEOUT_MS = 60_000;
const SHUTDOWN_TIMEOUT_MS = 20_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilHealthy(url: string, server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}:\n${output()}`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server not healthy after ${STARTUP_TIMEOUT_MS} ms:\n${output()}`);
}

function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const forceKill = setTimeout(() => server.kill('SIGKILL'), SHUTDOWN_TIMEOUT_MS);
    server.once('exit', () => {
      clearTimeout(forceKill);
      resolve();
    });
    server.kill('SIGINT');
  });
}

/** A running server of the browser tests, and how to stop it (its data directory goes with it). */
export interface RunningServer {
  baseUrl: string;
  stop: () => Promise<void>;
  /**
   * Stops the server and starts it again on the same port and data directory, `env` over the env it
   * was launched with: "the next working day" of a walkthrough (`{ APP_TODAY }`), with everything
   * written so far, and the jobs left waiting, still there.
   */
  restart: (env?: Record<string, string>) => Promise<void>;
}

/** One server process on `port` over `dataDir`, once healthy (a start that fails throws with what it printed). */
async function startProcess(port: number, dataDir: string, env: Record<string, string>): Promise<ChildProcess> {
  const server = spawn(process.execPath, [serverEntry], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      AUTH_CAPTCHA: 'off',
      LOGIN_RATE_PER_MINUTE: '1000',
      APP_TODAY: '2024-12-27',
      NODE_ENV: 'test',
      // The card issuer's simulator answers within a second and refuses nobody, so a batch is ISSUED while the test watches.
      CARD_SIM_DELAY: '1',
      CARD_SIM_FAILURE_RATE: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keepTail = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  server.stdout?.on('data', keepTail);
  server.stderr?.on('data', keepTail);
  try {
    await waitUntilHealthy(`http://127.0.0.1:${port}/healthz`, server, () => output);
  } catch (error) {
    await stop(server);
    throw error;
  }
  return server;
}

/**
 * Starts the real server (which also serves the built web app) on a free port with its own empty data
 * directory (the demo city), `env` over the defaults. The suite's server is today 2024-12-27 (inside the
 * districts' December window); a spec that needs another day (e.g. the fee split adjustment window in
 * October) starts its own with `{ APP_TODAY }` and stops it when done, or moves its clock with `restart`.
 */
export async function launchServer(env: Record<string, string> = {}): Promise<RunningServer> {
  for (const [file, build] of [
    [serverEntry, 'npm run build -w server'],
    [webBuild, 'npm run build -w web'],
  ] as const) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`${build}\` before the browser tests`);
  }
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'union-e2e-'));
  let launchedWith = env;
  let server: ChildProcess;
  try {
    server = await startProcess(port, dataDir, launchedWith);
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      await stop(server);
      await rm(dataDir, { recursive: true, force: true });
    },
    restart: async (change = {}) => {
      await stop(server);
      launchedWith = { ...launchedWith, ...change };
      server = await startProcess(port, dataDir, launchedWith);
    },
  };
}

/** The suite's one server, shared by every spec file (one at a time: they share its data). */
export default async function startServer(project: TestProject): Promise<() => Promise<void>> {
  const server = await launchServer();
  project.provide('baseUrl', server.baseUrl);
  return server.stop;
}
