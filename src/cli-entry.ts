#!/usr/bin/env node
import { main } from './cli.js';
import { useColour } from './report/terminal.js';

// `vigil check … | head`: a reader that stops early is not a failure of the checks. Stop writing
// (no stack trace for EPIPE), let the run finish, and exit with what it found.
const readerGone = (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
};
process.stdout.on('error', readerGone);
process.stderr.on('error', readerGone);
const write = (stream: NodeJS.WriteStream) => (text: string) => {
  if (!stream.destroyed) stream.write(text);
};

process.exitCode = await main(process.argv.slice(2), {
  stdout: write(process.stdout),
  stderr: write(process.stderr),
  env: process.env,
  cwd: process.cwd(),
  colour: useColour(process.stdout, process.env),
});
