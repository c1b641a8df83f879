/**
 * Where the HTTP probe and the shapes of every prober used to live; kept only so that code
 * written against it still builds. New code imports probe/types.ts (the shapes) and
 * probe/kinds/http.ts (the HTTP prober). To be removed by the run-as-stages change.
 */
export * from './types.js';
export { probeHttp as probe, proxyFromEnvironment } from './kinds/http.js';
