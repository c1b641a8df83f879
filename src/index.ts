import { EOL } from 'node:os';
import { run } from './main.js';
import { protocolRunner } from './runner.js';

// The bundle exports the action's entry point as well, as `src/main.ts` does for @github/local-action.
export { run };

await run(
  process.env,
  protocolRunner(process.env, (line) => process.stdout.write(`${line}${EOL}`)),
);
