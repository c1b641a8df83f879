/**
 * The kinds of check, as the configuration reads them: the schemes, the keys each kind takes and
 * what a URL of each needs. The table lives with the probers (`probe/kinds/index.ts`), so a kind
 * is added in one place that validation, the JSON Schema, the docs and the run all read.
 */
// The one import from a layer above config (see __tests__/repo/architecture.test.ts): the registry of
// kinds is one table shared with the probers, and splitting it would let the two drift apart.
export {
  KINDS,
  SCHEMES,
  URL_SCHEMES,
  dnsQueryName,
  dnsQueryType,
  keysFor,
  schemeOf,
  schemeSpec,
  type KindName,
} from '../probe/kinds/index.js';
