/**
 * A real DNS server on loopback for the dns:// tests: dnsmasq (Debian's `dnsmasq` package),
 * unprivileged on a high port, answering only from its command line. With no upstream server,
 * nothing is ever forwarded off this machine: names it was not told about are REFUSED.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { closedPort } from './kinds.js';

export interface Dnsmasq {
  port: number;
  close(): Promise<void>;
}

/** A TXT record too long for a 512-byte UDP answer: it only arrives whole over TCP. */
export const BIG_TXT = ['a', 'b', 'c', 'd'].map((letter) => letter.repeat(200));

export async function startDnsmasq(): Promise<Dnsmasq> {
  const port = await closedPort();
  const args = [
    '--no-daemon',
    `--port=${port}`,
    '--listen-address=127.0.0.1',
    '--bind-interfaces',
    '--no-resolv',
    '--no-hosts',
    '--conf-file=/dev/null',
    '--pid-file=',
    `--user=${os.userInfo().username}`,
    '--address=/vigil.test/127.0.0.1',
    '--address=/vigil.test/::1',
    // An address-less --address answers NXDOMAIN for the domain and all below it.
    '--address=/nx.test/',
    '--mx-host=vigil.test,mail.vigil.test,10',
    '--txt-record=vigil.test,v=spf1 -all',
    `--txt-record=big.vigil.test,${BIG_TXT.join(',')}`,
    '--cname=www.vigil.test,vigil.test',
    // Answers over UDP stop at 512 bytes, so a longer one comes back truncated.
    '--edns-packet-max=512',
  ];
  let child: ChildProcess;
  try {
    // Debian puts it in /usr/sbin, which a user's PATH may lack.
    child = spawn(existsSync('/usr/sbin/dnsmasq') ? '/usr/sbin/dnsmasq' : 'dnsmasq', args, {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    throw new Error(`dnsmasq could not be started (apt-get install dnsmasq-base): ${(error as Error).message}`);
  }
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error) =>
      reject(new Error(`dnsmasq could not be started (apt-get install dnsmasq-base): ${error.message}`)),
    );
    child.once('exit', (code) => reject(new Error(`dnsmasq exited (${code}): ${stderr}`)));
  });
  exited.catch(() => undefined);
  await Promise.race([ready(port), exited]);
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Waits until the server answers a query over UDP. */
async function ready(port: number): Promise<void> {
  // A query for vigil.test A (id 1, recursion desired).
  const query = Buffer.from('00010100000100000000000005766967696c04746573740000010001', 'hex');
  for (let i = 0; i < 100; i++) {
    const answered = await new Promise<boolean>((resolve) => {
      const socket = dgram.createSocket('udp4');
      const timer = setTimeout(() => finish(false), 100);
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        socket.close();
        resolve(ok);
      };
      socket.once('message', () => finish(true));
      socket.once('error', () => finish(false));
      socket.send(query, port, '127.0.0.1');
    });
    if (answered) return;
  }
  throw new Error('dnsmasq did not answer within 10 s');
}
