/**
 * Throwaway database servers for the tests — real PostgreSQL, MariaDB and Redis from the
 * Debian packages (`postgresql`, `mariadb-server`, `redis-server`), each started in a temp dir
 * on a free loopback port, with a user `app` and a password, and stopped and deleted after.
 *
 * A suite whose server binary is missing is skipped with a message on a developer's machine;
 * in CI (`CI` set) it fails instead, so a missing package can never pass as green.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe } from '@jest/globals';
import type { TestCerts } from './certs.js';

export const DB_USER = 'app';
/** Long and with characters that need encoding in a URL, to test that it never leaks. */
export const DB_PASSWORD = 'S3cret-Pa55word!word';
export const DB_NAME = 'appdb';

export interface DbServer {
  host: string;
  port: number;
  /** The port of the TLS listener, when it has one of its own (Redis). */
  tlsPort: number | null;
  stop(): Promise<void>;
}

export interface TlsFiles {
  cert: string;
  key: string;
}

/** The files of one of the test certificates (`valid`, `expired`, `self`…) and of its key. */
export function certFiles(certs: TestCerts, name: string): TlsFiles {
  return { cert: path.join(certs.dir, `${name}.pem`), key: path.join(certs.dir, 'server.key') };
}

/** The first of these paths that exists, or the command found on PATH, or null. */
export function findBinary(name: string, dirs: string[] = []): string | null {
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** `describe`, or, when the server binary is missing, `describe.skip` with a message (and a
 * loud failure in CI, where the package must be installed). */
export function describeWithServer(binary: string | null, pkg: string): (name: string, body: () => void) => void {
  if (binary) return describe;
  const message = `${pkg} is not installed (apt-get install -y ${pkg})`;
  if (process.env.CI && !['false', '0'].includes(process.env.CI)) throw new Error(`${message}; CI must install it (see .ci/run)`);
  console.warn(`skipping the ${pkg} tests: ${message}`);
  return describe.skip;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts a server process and waits until its port accepts connections; fails with its output
 * when it exits first or takes more than 60 s. */
async function startProcess(command: string, args: string[], port: number): Promise<ChildProcess> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  let exited = false;
  child.once('exit', () => void (exited = true));
  const giveUp = Date.now() + 60_000;
  while (!(await canConnect(port))) {
    if (exited) throw new Error(`${path.basename(command)} exited before listening:\n${output}`);
    if (Date.now() > giveUp) {
      child.kill('SIGKILL');
      throw new Error(`${path.basename(command)} did not listen on ${port} within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return child;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** A server's temp dir and the processes started in it: all stopped and deleted by `stop()`,
 * and by a start that fails half way. */
class Scratch {
  readonly dir: string;
  private readonly children: ChildProcess[] = [];

  constructor(prefix: string) {
    this.dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  }

  /** Starts a server process and waits for its port (an arrow, so it can be destructured). */
  run = async (command: string, args: string[], port: number): Promise<void> => {
    this.children.push(await startProcess(command, args, port));
  };

  async stop(): Promise<void> {
    for (const child of this.children) await stopProcess(child);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function inScratch(prefix: string, start: (scratch: Scratch) => Promise<Omit<DbServer, 'stop'>>): Promise<DbServer> {
  const scratch = new Scratch(prefix);
  try {
    return { ...(await start(scratch)), stop: () => scratch.stop() };
  } catch (error) {
    await scratch.stop();
    throw error;
  }
}

// ---------------------------------------------------------------------------------- Redis

export const redisServerBinary = findBinary('redis-server');

export function startRedis(options: { tls?: TlsFiles & { ca: string } } = {}): Promise<DbServer> {
  return inScratch('vigil-redis-', async ({ dir, run }) => {
    const port = await freePort();
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'];
    args.push('--requirepass', DB_PASSWORD);
    let tlsPort: number | null = null;
    if (options.tls) {
      tlsPort = await freePort();
      args.push('--tls-port', String(tlsPort), '--tls-cert-file', options.tls.cert, '--tls-key-file', options.tls.key);
      args.push('--tls-ca-cert-file', options.tls.ca, '--tls-auth-clients', 'no');
    }
    await run(redisServerBinary ?? 'redis-server', args, port);
    return { host: '127.0.0.1', port, tlsPort };
  });
}

// ----------------------------------------------------------------------------- PostgreSQL

const PG_BIN = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];
export const postgresBinary = findBinary('postgres', PG_BIN);

/** initdb and postgres refuse to run as root: as root, they run as the `postgres` user. */
function asPostgres(command: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, args];
  return ['runuser', ['-u', 'postgres', '--', command, ...args]];
}

export function startPostgres(options: { tls?: TlsFiles } = {}): Promise<DbServer> {
  return inScratch('vigil-pg-', async ({ dir, run }) => {
    const bin = path.dirname(postgresBinary ?? 'postgres');
    const data = path.join(dir, 'data');
    const root = process.getuid?.() === 0;
    const owner = root ? Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })) : null;
    const group = root ? Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) : null;
    if (owner !== null && group !== null) chownSync(dir, owner, group);
    const port = await freePort();

    const pwfile = path.join(dir, 'pw');
    writeFileSync(pwfile, `${DB_PASSWORD}\n`);
    if (owner !== null && group !== null) chownSync(pwfile, owner, group);
    // The superuser is `app` itself, with a password, and every TCP login needs it (scram).
    execFileSync(
      ...asPostgres(path.join(bin, 'initdb'), [
        '-D',
        data,
        '-U',
        DB_USER,
        `--pwfile=${pwfile}`,
        '--auth-host=scram-sha-256',
        '--auth-local=trust',
        '--no-sync',
      ]),
      { stdio: 'pipe' },
    );
    const settings = ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dir}`, '-c', 'fsync=off'];
    if (options.tls) {
      // The key must belong to the server's user and be readable by it alone.
      const cert = path.join(dir, 'server.crt');
      const key = path.join(dir, 'server.key');
      copyFileSync(options.tls.cert, cert);
      copyFileSync(options.tls.key, key);
      chmodSync(key, 0o600);
      if (owner !== null && group !== null) {
        chownSync(cert, owner, group);
        chownSync(key, owner, group);
      }
      settings.push('-c', 'ssl=on', '-c', `ssl_cert_file=${cert}`, '-c', `ssl_key_file=${key}`);
    }
    // runuser passes the SIGTERM of `stop()` on to postgres (a fast enough "smart" shutdown).
    await run(...asPostgres(path.join(bin, 'postgres'), ['-D', data, '-p', String(port), ...settings]), port);
    // A database of the test's own, made through the local socket (trusted).
    const psql = findBinary('psql', [bin]) ?? 'psql';
    execFileSync(
      ...asPostgres(psql, ['-h', dir, '-p', String(port), '-U', DB_USER, '-d', 'postgres', '-c', `CREATE DATABASE ${DB_NAME}`]),
      {
        stdio: 'pipe',
      },
    );
    return { host: '127.0.0.1', port, tlsPort: null };
  });
}

// -------------------------------------------------------------------------------- MariaDB

export const mariadbBinary = findBinary('mariadbd', ['/usr/sbin']) ?? findBinary('mysqld', ['/usr/sbin']);

export function startMariadb(options: { tls?: TlsFiles } = {}): Promise<DbServer> {
  return inScratch('vigil-mariadb-', async ({ dir, run }) => {
    const data = path.join(dir, 'data');
    const socket = path.join(dir, 'mysqld.sock');
    const port = await freePort();
    const user = process.getuid?.() === 0 ? ['--user=root'] : [];
    const installDb =
      findBinary('mariadb-install-db', ['/usr/bin']) ?? findBinary('mysql_install_db', ['/usr/bin']) ?? 'mariadb-install-db';
    execFileSync(
      installDb,
      ['--no-defaults', `--datadir=${data}`, ...user, '--skip-test-db', '--auth-root-authentication-method=socket'],
      {
        stdio: 'pipe',
      },
    );
    const args = [
      '--no-defaults',
      `--datadir=${data}`,
      `--port=${port}`,
      `--socket=${socket}`,
      `--pid-file=${path.join(dir, 'mysqld.pid')}`,
      '--bind-address=127.0.0.1',
      '--skip-networking=0',
      '--innodb-buffer-pool-size=16M',
      '--skip-log-bin',
      ...user,
    ];
    if (options.tls) args.push(`--ssl-cert=${options.tls.cert}`, `--ssl-key=${options.tls.key}`);
    await run(mariadbBinary ?? 'mariadbd', args, port);
    const client = findBinary('mariadb', ['/usr/bin']) ?? findBinary('mysql', ['/usr/bin']) ?? 'mariadb';
    const sql = [
      `CREATE DATABASE ${DB_NAME}`,
      `CREATE USER '${DB_USER}'@'%' IDENTIFIED BY '${DB_PASSWORD}'`,
      `GRANT ALL ON ${DB_NAME}.* TO '${DB_USER}'@'%'`,
    ].join(';');
    execFileSync(client, ['--no-defaults', `--socket=${socket}`, '-u', 'root', '-e', sql], { stdio: 'pipe' });
    return { host: '127.0.0.1', port, tlsPort: null };
  });
}

// --------------------------------------------------------------------------- misbehaving

/** A TCP server that accepts connections and never says a word (or, with `says`, says that
 * much as soon as a client connects, and hangs up). */
export async function startSilentServer(
  says?: string,
): Promise<{ port: number; accepted: () => number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted += 1;
    if (says !== undefined) socket.end(says);
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    accepted: () => accepted,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
