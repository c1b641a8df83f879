// `node scripts/body-memory.mjs [NODE ...]`: peak RSS of the built `vigil` command checking one
// endpoint that streams a large body (http and https), with each Node.js binary given (default:
// this one). Needs a build (`npm run build`). Env: BODY_MIB (default 200), RUNS (default 3),
// CHUNKED=1 to send the body chunked instead of with a Content-Length.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cli = path.join(root, 'dist', 'cli', 'index.js');
const MIB = Number(process.env.BODY_MIB ?? 200);
const RUNS = Number(process.env.RUNS ?? 3);
const CHUNKED = process.env.CHUNKED === '1';
const nodes = process.argv.slice(2).length > 0 ? process.argv.slice(2) : [process.execPath];
const work = mkdtempSync(path.join(os.tmpdir(), 'vigil-mem-'));

function stream(_req, res) {
  const total = MIB * 1024 * 1024;
  const chunk = Buffer.alloc(64 * 1024, 'a');
  res.writeHead(200, { 'content-type': 'text/plain', ...(CHUNKED ? {} : { 'content-length': String(total) }) });
  res.write('needle');
  let sent = 6;
  const pump = () => {
    while (sent < total) {
      const size = Math.min(chunk.length, total - sent);
      sent += size;
      if (!res.write(size === chunk.length ? chunk : chunk.subarray(0, size))) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
}

function certificate() {
  const key = path.join(work, 'key.pem');
  const cert = path.join(work, 'cert.pem');
  const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  execFileSync('openssl', [...args, '-keyout', key, '-out', cert, '-subj', '/CN=localhost', '-days', '2'], { stdio: 'ignore' });
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));

/** Peak RSS in MiB of one run, from GNU time, or from the process itself without it. */
function peakRss(node, url) {
  const endpoints = `- { url: "${url}", body-contains: needle, timeout: 60s, insecure: true }`;
  const args = [cli, 'check', '--endpoints', endpoints, '--retries', '0', '--json'];
  const report = path.join(work, 'rss.txt');
  const timed = existsSync('/usr/bin/time');
  const child = timed
    ? spawn('/usr/bin/time', ['-f', '%M', '-o', report, node, ...args], { stdio: 'ignore' })
    : spawn(node, args, {
        stdio: 'ignore',
        env: {
          ...process.env,
          NODE_OPTIONS: `--import=data:text/javascript,import fs from 'node:fs';process.on('exit',()=>fs.writeFileSync(${JSON.stringify(report)},String(process.resourceUsage().maxRSS)))`,
        },
      });
  return new Promise((resolve) =>
    child.on('close', () => resolve(Number(readFileSync(report, 'utf8').trim().split('\n').pop()) / 1024)),
  );
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const plainPort = await listen(http.createServer(stream));
const securePort = await listen(https.createServer(certificate(), stream));
for (const node of nodes) {
  const version = execFileSync(node, ['--version']).toString().trim();
  for (const [scheme, port] of [
    ['http', plainPort],
    ['https', securePort],
  ]) {
    const peaks = [];
    for (let i = 0; i < RUNS; i++) peaks.push(await peakRss(node, `${scheme}://127.0.0.1:${port}/`));
    console.log(
      `${version} ${scheme} ${MIB} MiB ${CHUNKED ? 'chunked ' : ''}body: peak RSS median ${median(peaks).toFixed(0)} MiB (${peaks.map((p) => p.toFixed(0)).join(', ')})`,
    );
  }
}
process.exit(0);
