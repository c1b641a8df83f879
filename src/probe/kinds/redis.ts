/**
 * A Redis check (`redis://[user][:password]@host:port[/db]`, `rediss://` for TLS): log in and
 * `PING`; up when PONG comes back. The connection is opened and timed here (dns, connect, tls)
 * and handed to ioredis through its `Connector` option, so the login and the ping are timed
 * apart as the wait phase. ioredis is loaded only when a Redis check runs.
 */
import type net from 'node:net';
import { ProbeError } from '../errors.js';
import type { ProbeOptions, ProbeRequest, ProbeResult } from '../types.js';
import { openTcp, probeDatabase, startTls, type DbKind, type DbSession } from './db-common.js';

const load = () => import('ioredis');
type Library = Awaited<ReturnType<typeof load>>;

const redisKind = (insecure: boolean): DbKind<Library> => ({
  load,
  needsUser: false,
  defaultPort: 6379,
  ping: 'PING',
  async run(session: DbSession, library: Library) {
    // `default` is ioredis's module.exports both in Node and in the bundle (which offers no
    // named exports for it); the class is on it as `Redis`.
    const { Redis } = library.default;
    const { target } = session;
    let socket: net.Socket = await openTcp(session);
    if (target.url.protocol === 'rediss:') socket = await startTls(session, socket, insecure);
    const db = target.database === '' ? 0 : Number(target.database);
    if (!Number.isInteger(db) || db < 0)
      throw new ProbeError(`the database in the URL is not a number: ${target.database}`, 'BAD_URL');

    const given = socket;
    // ioredis asks its connector for a stream; this one hands over the socket opened above, once.
    class GivenSocket {
      connecting = false;
      stream: net.Socket | undefined;
      firstError: Error | undefined;
      check() {
        return true;
      }
      connect() {
        this.connecting = true;
        this.stream = given;
        return Promise.resolve(given);
      }
      disconnect() {
        this.connecting = false;
        given.destroy();
      }
    }
    const client = new Redis({
      Connector: GivenSocket as never,
      lazyConnect: true,
      // One try, no queue, no reconnection: a check reports what one fresh connection sees.
      retryStrategy: () => null,
      reconnectOnError: () => false,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      enableReadyCheck: false,
      autoResubscribe: false,
      disableClientInfo: true,
      // RESP2: AUTH then PING, understood by every Redis (and its forks), and a server without
      // a password answers PING with `NOAUTH Authentication required`, which says what is wrong.
      protocol: 2,
      username: target.user || undefined,
      password: target.password || undefined,
      db,
    });
    // The error that made the connection fail (a refused AUTH, say) is emitted, while
    // `connect()` only learns that the connection closed.
    let emitted: unknown = null;
    client.on('error', (error: unknown) => void (emitted ??= error));
    session.onClose(() => client.disconnect());
    try {
      await client.connect();
      const answer = await client.ping();
      if (answer !== 'PONG')
        throw new ProbeError(`PING was answered with ${JSON.stringify(String(answer).slice(0, 100))}`, 'BAD_PONG');
    } catch (error) {
      throw emitted ?? error;
    }
  },
  describe(error) {
    if (error instanceof ProbeError) return error;
    const { name, message } = error as Error;
    // Redis's own replies (`WRONGPASS …`, `NOAUTH …`, `LOADING …`) say best what is wrong.
    if (name === 'ReplyError') {
      const prefix = String(message).split(' ')[0];
      return new ProbeError(String(message), /^[A-Z]{2,20}$/.test(prefix) ? prefix : 'REDIS_ERROR');
    }
    // ioredis's words for bytes that are not RESP (an HTTP server on the port, say).
    if (/^(Unknown RESP type|Protocol error)/.test(String(message))) {
      return new ProbeError('the server did not answer in the Redis protocol', 'PROTOCOL');
    }
    if (message === 'Connection is closed.') return new ProbeError('connection closed before PING was answered', 'ECONNRESET');
    return null;
  },
});

export async function probeRedis(request: ProbeRequest, options: ProbeOptions = {}): Promise<ProbeResult> {
  return probeDatabase(redisKind(request.insecure), request, options);
}
