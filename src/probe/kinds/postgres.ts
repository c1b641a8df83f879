/**
 * A PostgreSQL check (`postgres://user:password@host:port/db`, or `postgresql://`): log in and
 * run `SELECT 1`; up when it is answered. The connection is opened and timed here (dns,
 * connect, and tls after PostgreSQL's SSLRequest), then handed to `pg` through its `stream`
 * option, so the login and the query are timed apart as the wait phase. `pg` is loaded only
 * when a PostgreSQL check runs.
 *
 * TLS follows the URL's `sslmode`, as libpq reads it: `disable` and `allow` (and no sslmode)
 * connect in plain text, `prefer` uses TLS when the server offers it, `require`, `verify-ca`
 * and `verify-full` insist on it. Whenever TLS is used the certificate is verified (chain and
 * host name), as for every other kind, unless the check is `insecure`.
 */
import type net from 'node:net';
import { ProbeError } from '../errors.js';
import type { ProbeOptions, ProbeRequest, ProbeResult } from '../types.js';
import { openTcp, probeDatabase, startTls, type DbKind, type DbSession } from './db-common.js';

type Tls = 'off' | 'prefer' | 'require';

function tlsMode(url: URL): Tls {
  const mode = url.searchParams.get('sslmode');
  const ssl = url.searchParams.get('ssl');
  if (mode === null) return ssl === 'true' || ssl === '1' ? 'require' : 'off';
  switch (mode) {
    case 'disable':
    case 'allow':
      return 'off';
    case 'prefer':
      return 'prefer';
    case 'require':
    case 'verify-ca':
    case 'verify-full':
      return 'require';
    default:
      throw new ProbeError(
        `unknown sslmode "${mode.slice(0, 40)}" (expected disable, allow, prefer, require, verify-ca or verify-full)`,
        'BAD_URL',
      );
  }
}

/** PostgreSQL's SSLRequest: the length (8) and the code 80877103. */
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

/** Asks the server for TLS; true when it answers `S` (go ahead), false for `N`. */
function requestTls(socket: net.Socket): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      finish();
      // Anything after the one-byte answer would be bytes a man in the middle slipped in
      // before the handshake (CVE-2021-23222); such a server is not trusted.
      if (chunk.length !== 1) return reject(new ProbeError('invalid answer to the TLS request', 'PROTOCOL'));
      if (chunk[0] === 0x53) resolve(true);
      else if (chunk[0] === 0x4e) resolve(false);
      else reject(new ProbeError('invalid answer to the TLS request', 'PROTOCOL'));
    };
    const onClose = () => {
      finish();
      reject(new ProbeError('connection closed before the server answered the TLS request', 'ECONNRESET'));
    };
    const finish = () => {
      socket.removeListener('data', onData);
      socket.removeListener('close', onClose);
      socket.removeListener('error', reject);
    };
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.once('error', reject);
    socket.write(SSL_REQUEST);
  });
}

const load = () => import('pg');
type Library = Awaited<ReturnType<typeof load>>;

const postgresKind = (insecure: boolean): DbKind<Library> => ({
  load,
  needsUser: true,
  defaultPort: 5432,
  ping: 'SELECT 1',
  async run(session: DbSession, library: Library) {
    const { default: pg } = library;
    const { target } = session;
    const tls = tlsMode(target.url);
    let socket: net.Socket = await openTcp(session);
    if (tls !== 'off') {
      // The request for TLS and its answer are part of setting TLS up.
      session.clock.enter('tls');
      const offered = await requestTls(socket);
      if (offered) socket = await startTls(session, socket, insecure);
      else if (tls === 'require') throw new ProbeError('the server does not accept TLS connections', 'NO_TLS');
      else session.clock.enter('wait');
    }

    // pg calls `connect()` on the stream it is given and waits for its `connect` event; this
    // socket is connected already, so it only announces that.
    const given = socket;
    given.connect = (() => {
      process.nextTick(() => given.emit('connect'));
      return given;
    }) as typeof given.connect;
    const client = new pg.Client({
      stream: () => given,
      host: target.host,
      port: target.port,
      user: target.user,
      // A function, so that an empty password stays empty: pg would take PGPASSWORD from the
      // environment in its place.
      password: () => target.password,
      // As libpq: no database named is the user's own (never PGDATABASE from the environment).
      database: target.database || target.user,
      application_name: 'Vigil',
      // The TLS of this connection was set up above, before pg saw it.
      ssl: false,
    });
    // A failed login also ends the connection; its errors are reported by `connect()`.
    client.on('error', () => undefined);
    session.onClose(() => void client.end().catch(() => undefined));
    await client.connect();
    await client.query('SELECT 1');
  },
  describe(error) {
    if (error instanceof ProbeError) return error;
    const { message, code, severity } = error as Error & { code?: string; severity?: string };
    // The server's own words ("password authentication failed for user "app"", "database "x"
    // does not exist"), with its SQLSTATE as the code.
    if (severity && code) return new ProbeError(message, code);
    if (message === 'Connection terminated unexpectedly') {
      return new ProbeError('the server closed the connection before SELECT 1 was answered', 'ECONNRESET');
    }
    return null;
  },
});

export async function probePostgres(request: ProbeRequest, options: ProbeOptions = {}): Promise<ProbeResult> {
  return probeDatabase(postgresKind(request.insecure), request, options);
}
