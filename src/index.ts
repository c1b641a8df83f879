import { run } from './main.js';

// The bundle exports the action's entry point as well, as @github/local-action expects of src/main.ts.
export { run };

await run();
