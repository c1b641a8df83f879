/**
 * A MySQL or MariaDB check (`mysql://user:password@host:port/db`): log in and run `SELECT 1`;
 * up when it is answered. The connection is opened and timed here (dns, connect) and handed to
 * `mysql2` through its `stream` option, so the login and the query are timed apart as the wait
 * phase. `mysql2` is loaded only when a MySQL check runs.
 *
 * TLS follows the URL's `ssl-mode`, as the MySQL client reads it: `DISABLED` (and no ssl-mode)
 * connects in plain text; `REQUIRED`, `VERIFY_CA` and `VERIFY_IDENTITY` (or `ssl=true`) insist
 * on TLS, verified (chain and host name) as for every other kind unless the check is
 * `insecure`. MySQL starts TLS inside its own handshake, after the server's greeting, so
 * mysql2 makes the handshake; it is timed as the tls phase from the client's TLS request to
 * the end of the handshake, and verified here before the client sends any credential.
 */
import type net from 'node:net';
import tls from 'node:tls';
import { ProbeError, tlsVerificationMessage } from '../errors.js';
import type { ProbeOptions, ProbeRequest, ProbeResult } from '../types.js';
import { earliestExpiry } from '../connection.js';
import { openTcp, probeDatabase, type DbKind, type DbSession } from './db-common.js';

function wantsTls(url: URL): boolean {
  const mode = url.searchParams.get('ssl-mode') ?? url.searchParams.get('sslmode');
  const ssl = url.searchParams.get('ssl');
  if (mode === null) return ssl === 'true' || ssl === '1';
  switch (mode.toUpperCase().replace(/-/g, '_')) {
    case 'DISABLED':
      return false;
    case 'REQUIRED':
    case 'VERIFY_CA':
    case 'VERIFY_IDENTITY':
      return true;
    default:
      throw new ProbeError(
        `unknown ssl-mode "${mode.slice(0, 40)}" (expected DISABLED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY)`,
        'BAD_URL',
      );
  }
}

interface MysqlConnection {
  stream: net.Socket;
  on(event: 'connect' | 'error', listener: (value: unknown) => void): void;
  once(event: 'connect' | 'error', listener: (value: unknown) => void): void;
  query(sql: string, callback: (error: unknown) => void): void;
  destroy(): void;
}

const load = () => import('mysql2');
type Library = Awaited<ReturnType<typeof load>>;

const mysqlKind = (insecure: boolean): DbKind<Library> => ({
  load,
  needsUser: true,
  defaultPort: 3306,
  ping: 'SELECT 1',
  async run(session: DbSession, library: Library) {
    const { default: mysql } = library;
    const { target, clock, result } = session;
    const useTls = wantsTls(target.url);
    const socket = await openTcp(session);

    let connection: MysqlConnection | null = null;
    // Why the TLS handshake was refused here; mysql2 reports it only as a closed connection.
    let tlsProblem: ProbeError | null = null;
    if (useTls) {
      // With TLS, the client's first packet is its TLS request, right before the handshake
      // (mysql2 makes the TLS socket in the same tick): the tls phase starts there.
      const write = socket.write;
      socket.write = function (this: net.Socket, ...args: Parameters<net.Socket['write']>) {
        socket.write = write;
        const written = write.apply(this, args);
        clock.enter('tls');
        process.nextTick(() => watchHandshake(connection?.stream));
        return written;
      } as typeof socket.write;
    }
    const watchHandshake = (secure: net.Socket | undefined) => {
      if (!(secure instanceof tls.TLSSocket)) return;
      session.cancel.track(secure);
      // Runs before mysql2's own handler, which sends the credentials.
      secure.prependOnceListener('secureConnect', () => {
        clock.enter('wait');
        result.certValidTo = earliestExpiry(secure);
        let problem: string | null = null;
        if (!secure.authorized) problem = String(secure.authorizationError ?? 'UNKNOWN');
        else if (tls.checkServerIdentity(target.host, secure.getPeerCertificate())) problem = 'ERR_TLS_CERT_ALTNAME_INVALID';
        if (problem && !insecure) {
          const expired = result.certValidTo !== null && result.certValidTo.getTime() <= Date.now();
          const code = expired ? 'CERT_HAS_EXPIRED' : problem;
          tlsProblem = new ProbeError(tlsVerificationMessage(code), code);
          secure.destroy();
        }
      });
    };

    connection = mysql.createConnection({
      stream: socket,
      host: target.host,
      port: target.port,
      user: target.user,
      password: target.password,
      database: target.database || undefined,
      // The deadline of the attempt is the one timeout.
      connectTimeout: 0,
      // Verified by hand above, before any credential is sent, so that the certificate's
      // expiry is known even when verification fails (or is skipped by `insecure`).
      ssl: useTls ? { rejectUnauthorized: false } : undefined,
    }) as unknown as MysqlConnection;
    const open = connection;
    session.onClose(() => open.destroy());
    // Later errors (the connection torn down by the deadline) are answered by the close above.
    open.on('error', () => undefined);
    try {
      await new Promise<void>((resolve, reject) => {
        open.once('connect', () => resolve());
        open.once('error', reject);
      });
      await new Promise<void>((resolve, reject) => open.query('SELECT 1', (error) => (error ? reject(error) : resolve())));
    } catch (error) {
      throw tlsProblem ?? error;
    }
  },
  describe(error) {
    if (error instanceof ProbeError) return error;
    const { message, code, sqlMessage } = error as Error & { code?: string; sqlMessage?: string };
    // The server's own words ("Access denied for user 'app'@'localhost' (using password: YES)",
    // "Unknown database 'x'"), with its error name as the code.
    if (sqlMessage) return new ProbeError(sqlMessage, code ?? 'MYSQL_ERROR');
    if (code === 'HANDSHAKE_NO_SSL_SUPPORT') return new ProbeError('the server does not accept TLS connections', 'NO_TLS');
    if (code === 'PROTOCOL_CONNECTION_LOST') {
      return new ProbeError('the server closed the connection before SELECT 1 was answered', 'ECONNRESET');
    }
    if (message && !code) return new ProbeError(message, 'MYSQL_ERROR');
    return null;
  },
});

export async function probeMysql(request: ProbeRequest, options: ProbeOptions = {}): Promise<ProbeResult> {
  return probeDatabase(mysqlKind(request.insecure), request, options);
}
