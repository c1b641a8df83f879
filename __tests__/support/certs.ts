/**
 * Throwaway certificates made at test time with the openssl CLI: a test CA and server
 * certificates signed by it (valid, expiring soon, expired), plus a self-signed one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestCerts {
  dir: string;
  caFile: string;
  ca: string;
  key: string;
  valid: string;
  soon: string;
  expired: string;
  selfSigned: string;
  expiredSelfSigned: string;
  /** Valid, signed by the CA, but for another host name. */
  wrongHost: string;
  /** Valid, signed by the CA, for github.com (a git server posing as GitHub behind a proxy). */
  github: string;
}

let cached: TestCerts | null = null;

export function makeCerts(): TestCerts {
  if (cached) return cached;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-certs-'));
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ecKey = (name: string) => openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', file(name));

  ecKey('ca.key');
  openssl('req', '-x509', '-new', '-key', 'ca.key', '-subj', '/CN=Vigil Test CA', '-days', '3650', '-out', 'ca.pem');
  ecKey('server.key');
  const sign = (name: string, days: number, host: string) => {
    const ip = host === 'localhost' ? ',IP:127.0.0.1' : '';
    writeFileSync(file(`${name}.ext`), `subjectAltName=DNS:${host}${ip}\n`);
    openssl('req', '-new', '-key', 'server.key', '-subj', `/CN=${host}`, '-out', `${name}.csr`);
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      String(days),
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.pem`,
    );
  };
  sign('valid', 200, 'localhost');
  sign('soon', 5, 'localhost');
  sign('expired', -1, 'localhost');
  sign('wrong-host', 200, 'elsewhere.test');
  sign('github', 200, 'github.com');
  writeFileSync(file('self.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  openssl('req', '-new', '-key', 'server.key', '-subj', '/CN=localhost', '-out', 'self.csr');
  openssl('x509', '-req', '-in', 'self.csr', '-signkey', 'server.key', '-days', '90', '-extfile', 'self.ext', '-out', 'self.pem');
  openssl(
    'x509',
    '-req',
    '-in',
    'self.csr',
    '-signkey',
    'server.key',
    '-days',
    '-1',
    '-extfile',
    'self.ext',
    '-out',
    'self-expired.pem',
  );

  const read = (name: string) => readFileSync(file(name), 'utf8');
  cached = {
    dir,
    caFile: file('ca.pem'),
    ca: read('ca.pem'),
    key: read('server.key'),
    valid: read('valid.pem'),
    soon: read('soon.pem'),
    expired: read('expired.pem'),
    selfSigned: read('self.pem'),
    expiredSelfSigned: read('self-expired.pem'),
    wrongHost: read('wrong-host.pem'),
    github: read('github.pem'),
  };
  return cached;
}
