/**
 * Every action input is read, validated and defaulted here, and nowhere else: the rest of the
 * code receives one typed `Config`. The defaults below are the same as in action.yml, so the
 * action behaves the same when a runner (or a test) leaves an input unset.
 */
import { CHECK_KEYS, Invalid, boolean, integer, oneOf } from './schema.js';
import { parseStatusRanges } from './status-ranges.js';
import { loadEndpoints, type Findings } from './load.js';
import { ConfigError, type CheckSettings, type Config, type Problem, type RunSettings } from './types.js';

export const INPUT_DEFAULTS = {
  endpoints: '',
  config: '',
  timeout: '30s',
  retries: '2',
  'retry-delay': '5s',
  'max-response-time': '3s',
  'expected-status': '200-299',
  'follow-redirects': '5',
  'cert-expiry-days': '14',
  insecure: 'false',
  concurrency: '10',
  'fail-on': 'down',
  'create-issues': 'false',
  'issue-labels': 'outage',
  'issue-assignees': '',
  'close-issues': 'true',
  'github-token': '',
  summary: 'true',
} as const;

export type InputName = keyof typeof INPUT_DEFAULTS;

/** Reads an input by name; returns '' when it is not set. */
export type InputReader = (name: InputName) => string;

export const BUILT_IN_CHECKS: CheckSettings = {
  timeout: 30_000,
  retries: 2,
  retryDelay: 5_000,
  maxResponseTime: 3_000,
  expectedStatus: parseStatusRanges('200-299') as CheckSettings['expectedStatus'],
  followRedirects: 5,
  certExpiryDays: 14,
  insecure: false,
};

const commaList = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

export interface ConfigEnvironment {
  env: NodeJS.ProcessEnv;
  /** Folder that `config` is relative to (GITHUB_WORKSPACE on a runner). */
  workspace: string;
  /** When given, a `${VAR}` that is not set is a note passed here, not a problem, and a stand-in
   * takes its place (`vigil validate`, which runs where the secrets are not). */
  onNote?: (note: Problem) => void;
}

/** Reads every input and the configuration they point at. Throws a ConfigError listing every
 * problem, with where it is, when anything is wrong. */
export function loadConfig(read: InputReader, environment: ConfigEnvironment): Config {
  const problems: Problem[] = [];
  const get = (name: InputName) => {
    const value = read(name).trim();
    return value === '' ? INPUT_DEFAULTS[name] : value;
  };
  function parse<T>(name: InputName, parser: (value: unknown) => T, fallback: T): T {
    try {
      return parser(get(name));
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      problems.push({ where: `input ${name}`, message: error.message });
      return fallback;
    }
  }

  const base = { ...BUILT_IN_CHECKS } as Record<string, unknown>;
  for (const [key, spec] of Object.entries(CHECK_KEYS)) {
    base[spec.field] = parse(key as InputName, spec.parse as (value: unknown) => unknown, base[spec.field]);
  }

  const run: RunSettings = {
    concurrency: parse('concurrency', integer(1, 1000), 10),
    failOn: parse('fail-on', oneOf('down', 'degraded', 'never'), 'down'),
    createIssues: parse('create-issues', boolean, false),
    issueLabels: commaList(get('issue-labels')),
    issueAssignees: commaList(get('issue-assignees')).map((login) => login.replace(/^@/, '')),
    closeIssues: parse('close-issues', boolean, true),
    githubToken: read('github-token').trim() || environment.env.GITHUB_TOKEN || '',
    summary: parse('summary', boolean, true),
  };
  if (run.createIssues && run.issueLabels.length === 0) {
    problems.push({ where: 'input issue-labels', message: 'needs at least one label when create-issues is true' });
  }
  if (run.createIssues && run.githubToken === '') {
    problems.push({
      where: 'input github-token',
      message: 'is empty; create-issues needs a token (the default is github.token)',
    });
  }

  const findings: Findings = { problems, secrets: [], notes: environment.onNote ? [] : undefined };
  const endpoints = loadEndpoints(
    {
      endpointsText: read('endpoints'),
      configPath: read('config'),
      workspace: environment.workspace,
      env: environment.env,
      base: base as unknown as CheckSettings,
    },
    findings,
  );
  for (const note of findings.notes ?? []) environment.onNote?.(note);
  if (problems.length > 0) throw new ConfigError(problems, [...new Set(findings.secrets)]);
  return { endpoints, run };
}
