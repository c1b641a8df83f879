/**
 * Every action input is read, validated and defaulted here, and nowhere else: the rest of the
 * code receives one typed `Config`. The defaults below are the same as in action.yml, so the
 * action behaves the same when a runner (or a test) leaves an input unset.
 */
import { INHERITED_KEYS, Invalid, boolean, branchName, duration, integer, oneOf } from './schema.js';
import { parseStatusRanges } from './status-ranges.js';
import { loadEndpoints } from './load.js';
import { type Findings } from './resolve-endpoint.js';
import { loadRunLists } from './run-lists.js';
import { parseShard } from './shard.js';
import { readHeartbeat } from './heartbeat-urls.js';
import { ConfigError, type Config, type InheritedSettings, type Problem, type RunSettings } from './types.js';

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
  history: 'true',
  'history-branch': 'vigil-data',
  'history-days': '30',
  'uptime-target': '99%',
  'failure-threshold': '1',
  'success-threshold': '1',
  notify: '',
  maintenance: '',
  deadline: '4m',
  'keep-alive': 'true',
  // Empty: on when history is.
  pages: '',
  // Empty: the repository's name.
  'page-title': '',
  'page-show-urls': 'false',
  shard: '',
  'heartbeat-url': '',
  'heartbeat-fail-url': '',
} as const;

export type InputName = keyof typeof INPUT_DEFAULTS;

/** Reads an input by name; returns '' when it is not set. */
export type InputReader = (name: InputName) => string;

export const BUILT_IN_CHECKS: InheritedSettings = {
  timeout: 30_000,
  retries: 2,
  retryDelay: 5_000,
  maxResponseTime: 3_000,
  expectedStatus: parseStatusRanges('200-299') as InheritedSettings['expectedStatus'],
  followRedirects: 5,
  certExpiryDays: 14,
  insecure: false,
  uptimeTarget: 99,
  failureThreshold: 1,
  successThreshold: 1,
};

const HOUR = 3_600_000;
/** Branches whose history Vigil must never replace: the data branch gets a new root commit each day. */
const CODE_BRANCHES = ['main', 'master'];

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
  for (const [key, spec] of Object.entries(INHERITED_KEYS)) {
    base[spec.field] = parse(key as InputName, spec.parse as (value: unknown) => unknown, base[spec.field]);
  }

  const history = parse('history', boolean, true);
  const run: RunSettings = {
    concurrency: parse('concurrency', integer(1, 1000), 10),
    failOn: parse('fail-on', oneOf('down', 'degraded', 'never'), 'down'),
    createIssues: parse('create-issues', boolean, false),
    issueLabels: commaList(get('issue-labels')),
    issueAssignees: commaList(get('issue-assignees')).map((login) => login.replace(/^@/, '')),
    closeIssues: parse('close-issues', boolean, true),
    githubToken: read('github-token').trim() || environment.env.GITHUB_TOKEN || '',
    summary: parse('summary', boolean, true),
    history,
    historyBranch: parse('history-branch', branchName, 'vigil-data'),
    historyDays: parse('history-days', integer(7, 3650), 30),
    deadline: parse('deadline', duration(1000, 6 * HOUR), 240_000),
    keepAlive: parse('keep-alive', boolean, true),
    // Unset, the page follows history; asked for without history, it is a problem below.
    pages: parse('pages', (value) => (value === '' ? history : boolean(value)), history),
    pageTitle: get('page-title') || environment.env.GITHUB_REPOSITORY?.split('/')[1]?.trim() || 'Vigil',
    pageShowUrls: parse('page-show-urls', boolean, false),
    shard: parse('shard', parseShard, null),
    notify: [],
    maintenance: [],
  };
  if (run.pages && !run.history) problems.push({ where: 'input pages', message: 'needs history (history: true)' });
  const workflowBranch = environment.env.GITHUB_REF_TYPE === 'branch' ? environment.env.GITHUB_REF_NAME : undefined;
  if (run.history && (CODE_BRANCHES.includes(run.historyBranch) || run.historyBranch === workflowBranch)) {
    problems.push({
      where: 'input history-branch',
      message: `"${run.historyBranch}" holds the code: the data branch gets a new history every day, so it needs a branch of its own (the default is vigil-data)`,
    });
  }
  if (run.createIssues && run.issueLabels.length === 0) {
    problems.push({ where: 'input issue-labels', message: 'needs at least one label when create-issues is true' });
  }
  if (run.createIssues && run.githubToken === '') {
    problems.push({
      where: 'input github-token',
      message: 'is empty; create-issues needs a token (the default is github.token)',
    });
  }

  // Read again in main.ts before this, to ping even when the configuration fails.
  problems.push(...readHeartbeat(read).problems);

  const findings: Findings = { problems, secrets: [], notes: environment.onNote ? [] : undefined };
  const before = problems.length;
  const { endpoints, lists } = loadEndpoints(
    {
      endpointsText: read('endpoints'),
      configPath: read('config'),
      workspace: environment.workspace,
      env: environment.env,
      base: base as unknown as InheritedSettings,
      githubToken: run.githubToken,
    },
    findings,
  );
  const runLists = loadRunLists(
    {
      inputs: { notify: read('notify'), maintenance: read('maintenance') },
      file: lists,
      env: environment.env,
      endpointIds: problems.length === before ? endpoints.map((endpoint) => endpoint.id) : null,
    },
    findings,
  );
  run.notify = runLists.notify;
  run.maintenance = runLists.maintenance;
  if (runLists.notifyWrittenAt !== null && !run.history) {
    problems.push({ where: runLists.notifyWrittenAt, message: 'needs history (history: true)' });
  }
  const secrets = [...new Set([...findings.secrets, ...runLists.secrets])];
  for (const note of findings.notes ?? []) environment.onNote?.(note);
  if (problems.length > 0) throw new ConfigError(problems, secrets, findings.configFile ?? null);
  return { endpoints, run, secrets: runLists.secrets };
}
