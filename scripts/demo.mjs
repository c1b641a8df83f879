// `npm run demo`: starts loopback demo services, runs the real checks of the built CLI against
// examples/demo.yml, prints the table and writes the job summary Markdown to a file.
//   :47801/         a healthy home page
//   :47801/health   a detailed JSON health check whose database is down
//   :47801/reports  a slow page (about 600 ms)
//   :47801/sleepy   a free-tier app asleep: its first request fails while it wakes up
//   :47809          nothing listens: the payments service is down
import { spawn } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
let sleepyAwake = false;

const server = http.createServer((req, res) => {
  switch (req.url) {
    case '/':
      res.setHeader('content-type', 'text/html');
      res.end('<h1>Welcome to the shop</h1>');
      return;
    case '/health':
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          status: 'ok',
          checks: { database: { status: 'down', error: 'connection pool exhausted' }, cache: { status: 'ok' } },
        }),
      );
      return;
    case '/reports':
      setTimeout(() => res.end('quarterly report'), 600);
      return;
    case '/sleepy':
      if (!sleepyAwake) {
        sleepyAwake = true;
        res.statusCode = 503;
        res.end('waking up');
        return;
      }
      res.end('awake and serving');
      return;
    default:
      res.statusCode = 404;
      res.end('not found');
  }
});

server.on('error', (error) => {
  console.error(`The demo needs port 47801 on 127.0.0.1: ${error.message}`);
  process.exit(1);
});

server.listen(47801, '127.0.0.1', () => {
  const summaryFile = path.join(os.tmpdir(), 'vigil-demo-summary.md');
  // The demo's memory: what the action keeps on its data branch, here in a folder, so a second
  // `npm run demo` shows uptime across runs and the status page grows.
  const historyDir = path.join(os.tmpdir(), 'vigil-demo-history');
  const cli = path.join(root, 'dist', 'cli', 'index.js');
  const child = spawn(
    process.execPath,
    [cli, 'check', '--config', path.join('examples', 'demo.yml'), '--summary-file', summaryFile, '--history-dir', historyDir],
    { cwd: root, stdio: 'inherit' },
  );
  child.on('close', (code) => {
    server.close();
    console.log('');
    console.log(`Job summary (Markdown, as GitHub would show it): ${summaryFile}`);
    console.log(`Status page (open it in a browser): ${path.join(historyDir, 'index.html')}`);
    console.log(
      code === 1
        ? 'vigil exited 1 because an endpoint is down — in a workflow this fails the job (and, with create-issues, opens an issue).'
        : `vigil exited ${code}.`,
    );
    process.exit(code === 0 || code === 1 ? 0 : code);
  });
});
