#!/usr/bin/env node
import { main } from './cli.js';
import { useColour } from './report/terminal.js';

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  colour: useColour(process.stdout, process.env),
});
