/** Helpers for tests of check kinds: endpoints loaded as users write them, checked as runs do. */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type InputName } from '../../src/config/inputs.js';
import type { Endpoint } from '../../src/config/types.js';
import { checkEndpoint } from '../../src/check/run.js';
import type { ReportedEndpoint } from '../../src/check/types.js';
import { PHASES } from '../../src/probe/phases.js';

/** The endpoints of an inline `endpoints` input (and other inputs), loaded as the action loads them. */
export function endpointsOf(
  endpoints: string,
  inputs: Partial<Record<InputName, string>> = {},
  env: NodeJS.ProcessEnv = {},
): Endpoint[] {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'vigil-kinds-'));
  try {
    const all: Partial<Record<InputName, string>> = { 'retry-delay': '1ms', ...inputs, endpoints };
    return loadConfig((name) => all[name] ?? '', { env, workspace }).endpoints;
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

/** Checks one endpoint as a run does (retries, evaluation, redaction), with no real waiting. */
export function check(endpoint: Endpoint): Promise<ReportedEndpoint> {
  return checkEndpoint(endpoint, { concurrency: 1, sleep: async () => undefined });
}

/** The phases of a result add up to its total, and those the kind does not have are 0. */
export function phasesAddUp(result: ReportedEndpoint, absent: readonly string[]): void {
  const sum = PHASES.reduce((total, phase) => total + result.timings[phase], 0);
  if (sum !== result.timings.total) throw new Error(`phases ${JSON.stringify(result.timings)} do not add up`);
  for (const phase of absent) {
    if (result.timings[phase as (typeof PHASES)[number]] !== 0)
      throw new Error(`${phase} should be 0: ${JSON.stringify(result.timings)}`);
  }
}

/** A port on 127.0.0.1 that nothing listens on (taken, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A server on 127.0.0.1, closed (with its connections) by `close`. */
export async function listen(server: net.Server): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
