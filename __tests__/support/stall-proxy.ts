/**
 * A small TCP proxy on 127.0.0.1 port 0 in front of an HTTP server (the test git server): it
 * passes every connection through, except that once a request of a push (`GET
 * …/info/refs?service=git-receive-pack`, then `POST …/git-receive-pack`) starts on a connection,
 * the connection is held from there — its bytes are never passed on and nothing more is answered —
 * so a test can act while a push hangs, as it would behind a stalled network. Each chunk the
 * client sends is looked at: git opens a new connection for its push, Vigil's own client sends it
 * on the connection its reads kept alive.
 */
import net from 'node:net';

export interface StallProxy {
  /** e.g. http://127.0.0.1:43210 — use it in place of the server's URL. */
  url: string;
  /** Resolves when the first push is being held. */
  stalled: Promise<void>;
  close(): Promise<void>;
}

export async function startStallProxy(target: string): Promise<StallProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<net.Socket>();
  let onStall: () => void = () => undefined;
  const stalled = new Promise<void>((resolve) => (onStall = resolve));
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };

  const server = net.createServer((client) => {
    track(client);
    let head = Buffer.alloc(0);
    let upstream: net.Socket | null = null;
    const onData = (chunk: Buffer) => {
      if (upstream) return;
      head = Buffer.concat([head, chunk]);
      const firstLine = head.toString('latin1').split('\r\n')[0];
      if (!head.includes('\r\n')) return;
      if (/^(GET|POST) \S*git-receive-pack/.test(firstLine)) {
        // Held: read and drop what the client sends, answer nothing.
        onStall();
        return;
      }
      upstream = net.connect(Number(port), hostname);
      track(upstream);
      upstream.write(head);
      upstream.pipe(client);
    };
    let held = false;
    const pass = (chunk: Buffer) => {
      if (!upstream) return onData(chunk);
      if (held || /(^|\r\n)(GET|POST) \S*git-receive-pack/.test(chunk.toString('latin1'))) {
        held = true;
        onStall();
        return;
      }
      upstream.write(chunk);
    };
    client.on('data', pass);
  });
  server.on('connection', track);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    stalled,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
