/**
 * `vigil`: the same core as the action, outside GitHub.
 *   vigil check [--config FILE] [--<input> VALUE ...] [URL ...]
 *   vigil validate --config FILE
 */
import { writeFileSync } from 'node:fs';
// Only `version` ends up in the bundle: the bundler drops the rest of package.json.
import packageJson from '../package.json' with { type: 'json' };
import { checkAll } from './check/run.js';
import { reachesFailOn } from './config/fail-on.js';
import { INPUT_DEFAULTS, loadConfig, type InputName } from './config/inputs.js';
import { didYouMean } from './text/did-you-mean.js';
import { ConfigError, type Config, type Endpoint, type Problem } from './config/types.js';
import { formatDuration } from './config/duration.js';
import { outputsOf } from './report/outputs.js';
import { summaryMarkdown } from './report/summary.js';
import { terminalTable } from './report/terminal.js';
import type { Report } from './check/types.js';
import { maintenanceText, windowsAt } from './maintenance/index.js';
import { historyMarkdown } from './report/history-summary.js';
import { checksOf, recordRun, recordSettingsOf } from './run/record-run.js';
import { oneLine } from './text/one-line.js';
import { redactText, redactUrl } from './text/redact.js';
import { KINDS, isHeartbeat, kindOf } from './probe/kinds/index.js';
import { folderStore } from './store/folder.js';

export const VERSION: string = packageJson.version;

const USAGE = `Usage:
  vigil check [options] [URL ...]   check endpoints, print a table; exit 1 when the status reaches --fail-on
                                     (or a file asked for cannot be written)
  vigil validate --config FILE       check a configuration without making any request; exit 0 or 1
                                     (a \${VAR} that is not set here is a note: secrets live where checks run)
  vigil heartbeat ID --repo OWNER/REPO [--status ok|fail]
                                     report that job ID ran (a repository_dispatch; token from GITHUB_TOKEN)

Options (the action's inputs, same names and defaults):
  --config FILE            YAML or JSON file with defaults and endpoints
  --endpoints YAML         inline YAML list of endpoints
  --fail-on LEVEL          down (default), degraded or never
  --concurrency N          endpoints checked at the same time (default 10)
  --timeout, --retries, --retry-delay, --max-response-time, --expected-status,
  --follow-redirects, --cert-expiry-days, --insecure
Output:
  --summary-file FILE      also write the job summary Markdown to FILE
  --history-dir DIR        keep every check, the figures (status.json) and the status page in DIR,
                           as the action does on its data branch; thresholds then count across runs
  --json                   print the results as JSON instead of the table
  -h, --help               show this help
  -v, --version            print the version
`;

const CLI_INPUTS = new Set<InputName>(
  (Object.keys(INPUT_DEFAULTS) as InputName[]).filter(
    (name) =>
      ![
        'create-issues',
        'issue-labels',
        'issue-assignees',
        'close-issues',
        'github-token',
        'summary',
        // The data branch and the schedule are the action's; the CLI keeps history in a folder.
        'history',
        'history-branch',
        'keep-alive',
        'notify',
      ].includes(name),
  ),
);

const COMMANDS = ['check', 'validate', 'heartbeat', 'help', 'version'];
/** Every flag, without its dashes: the inputs, and the CLI's own. */
const FLAGS = [...CLI_INPUTS, 'summary-file', 'history-dir', 'json', 'help', 'version'];

export interface ParsedArgs {
  command: 'check' | 'validate' | 'help' | 'version';
  inputs: Partial<Record<InputName, string>>;
  urls: string[];
  summaryFile: string | null;
  /** Keep every check, the figures and the status page in this folder (as on the data branch). */
  historyDir: string | null;
  json: boolean;
}

export class UsageError extends Error {}

const suggest = (word: string, known: readonly string[], prefix = '') => {
  const close = didYouMean(word, known);
  return close ? `; did you mean "${prefix}${close}"?` : '';
};

export function parseArgs(argv: string[]): ParsedArgs {
  const none: ParsedArgs = { command: 'help', inputs: {}, urls: [], summaryFile: null, historyDir: null, json: false };
  if (argv.includes('-v') || argv.includes('--version') || argv[0] === 'version') return { ...none, command: 'version' };
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') return none;
  if (command.startsWith('-')) {
    const flag = command.replace(/^-+/, '').split('=')[0];
    if (FLAGS.includes(flag))
      throw new UsageError(`a command comes first: vigil check ${command} …, or vigil validate ${command} …`);
    throw new UsageError(`unknown option ${command}${suggest(flag, FLAGS, '--')}`);
  }
  if (command !== 'check' && command !== 'validate')
    throw new UsageError(`unknown command "${command}"${suggest(command, COMMANDS)}`);
  const parsed: ParsedArgs = { ...none, command };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '-h' || arg === '--help') return { ...parsed, command: 'help' };
    if (!arg.startsWith('-') || arg === '-') {
      parsed.urls.push(arg);
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(`unknown option ${arg}${suggest(arg.slice(1), FLAGS, '--')}`);
    const [flag, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (flag === 'json') {
      parsed.json = true;
      continue;
    }
    if (flag === 'insecure' && inline === undefined && !/^(true|false)$/i.test(rest[i + 1] ?? '')) {
      parsed.inputs.insecure = 'true';
      continue;
    }
    if (flag !== 'summary-file' && flag !== 'history-dir' && !CLI_INPUTS.has(flag as InputName)) {
      throw new UsageError(`unknown option --${flag}${suggest(flag, FLAGS, '--')}`);
    }
    const value = inline ?? rest[++i];
    if (value === undefined) throw new UsageError(`--${flag} needs a value`);
    if (flag === 'summary-file') parsed.summaryFile = value;
    else if (flag === 'history-dir') parsed.historyDir = value;
    else parsed.inputs[flag as InputName] = value;
  }
  if (parsed.urls.length > 0) {
    const listed = parsed.urls.map((url) => `- ${JSON.stringify(url)}`).join('\n');
    parsed.inputs.endpoints = parsed.inputs.endpoints ? `${parsed.inputs.endpoints}\n${listed}` : listed;
  }
  return parsed;
}

/** Why a file could not be written, in a few words. */
function writeFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'its folder does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EROFS') return 'the file system is read-only';
  return code ?? String((error as Error)?.message ?? error).split('\n')[0];
}

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  colour: boolean;
}

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  // A command of its own (docs/cli.md, "Heartbeats"): it reads no configuration.
  if (argv[0] === 'heartbeat') return (await import('./heartbeat/report.js')).heartbeatCommand(argv.slice(1), io);
  // No command is a usage error like a wrong one (exit 2), so a script that forgot it fails.
  if (argv.length === 0) {
    io.stderr(`vigil: a command is needed: check or validate\n\n${USAGE}`);
    return 2;
  }
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    io.stderr(`vigil: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (args.command === 'version') {
    io.stdout(`vigil ${VERSION}\n`);
    return 0;
  }
  if (args.command === 'validate' && !args.inputs.config && !args.inputs.endpoints) {
    io.stderr(`vigil: validate needs --config FILE\n\n${USAGE}`);
    return 2;
  }

  const notes: Problem[] = [];
  let config: Config;
  try {
    // History lives in a folder here, and only when asked for; `validate` reads every key.
    const history = args.command === 'validate' || args.historyDir !== null ? 'true' : 'false';
    config = loadConfig((name) => (name === 'history' ? history : (args.inputs[name] ?? '')), {
      env: io.env,
      workspace: io.cwd,
      ...(args.command === 'validate' ? { onNote: (note: Problem) => notes.push(note) } : {}),
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(`${asFlags(error, args).message}\n`);
    return 1;
  } finally {
    for (const note of notes) io.stdout(`note: ${note.where}: ${note.message}\n`);
  }
  if (args.command === 'validate') {
    const ids = config.endpoints.map((endpoint) => endpoint.id).join(', ');
    const count = config.endpoints.length;
    io.stdout(`Configuration is valid: ${count} ${count === 1 ? 'endpoint' : 'endpoints'} (${ids})\n`);
    for (const endpoint of config.endpoints) io.stdout(`${describeEndpoint(endpoint)}\n`);
    return 0;
  }

  const report = await checkAll(await withFolderHeartbeats(config, args.historyDir), { concurrency: config.run.concurrency });
  if (args.json) io.stdout(`${outputsOf(report).results}\n`);
  else io.stdout(`${terminalTable(report, io.colour)}\n`);
  let code = reachesFailOn(report.status, config.run.failOn) ? 1 : 0;
  /** The summary's History section, as the action writes it, when the history is kept. */
  let history: string | null = null;
  if (args.historyDir !== null) {
    try {
      const recorded = await recordInFolder(config, report, args.historyDir);
      for (const line of recorded.lines) io.stdout(`${line}\n`);
      code = recorded.fails ? 1 : 0;
      history = recorded.summary;
    } catch (error) {
      io.stderr(`vigil: cannot keep the history in ${JSON.stringify(args.historyDir)}: ${oneLine((error as Error).message)}\n`);
      code = 1;
    }
  }
  if (args.summaryFile) {
    try {
      writeFileSync(args.summaryFile, summaryMarkdown(report, history ? { sections: [history] } : {}));
    } catch (error) {
      io.stderr(`vigil: cannot write the summary to ${JSON.stringify(args.summaryFile)}: ${writeFailure(error)}\n`);
      code = 1;
    }
  }
  return code;
}

/** The configuration error as the command line gives it: an input is named by its flag
 * (`--timeout`, not `input timeout`), and URLs given as arguments as such. */
function asFlags(error: ConfigError, args: ParsedArgs): ConfigError {
  const listed = args.urls.map((url) => `- ${JSON.stringify(url)}`).join('\n');
  const urlsOnly = args.urls.length > 0 && args.inputs.endpoints === listed;
  const problems = error.problems.map((problem) => {
    // The action's words (`set "endpoints" or "config"`) name inputs a terminal does not have.
    if (problem.where === 'input endpoints' && problem.message.startsWith('no endpoints to check'))
      return { where: 'vigil check', message: 'no endpoints to check: give URLs as arguments, --endpoints or --config' };
    let where = problem.where;
    if (urlsOnly)
      where = where.replace(/input endpoints, line (\d+)/, 'URL argument $1').replace('input endpoints', 'the URL arguments');
    return { ...problem, where: where.replace(/\binput ([a-z-]+)/g, '--$1') };
  });
  return new ConfigError(problems, error.secrets);
}

/** The endpoints, each push heartbeat given its last reports from `heartbeats/ID.json` in the
 * history folder (a copy of the data branch, where the monitor's runs record them), as the
 * action reads them from the branch. Without a folder there is nothing to judge from, and the
 * check says so. */
async function withFolderHeartbeats(config: Config, historyDir: string | null): Promise<Endpoint[]> {
  if (!config.endpoints.some(isHeartbeat)) return config.endpoints;
  const { withHeartbeatReports } = await import('./run/heartbeat-reports.js');
  const none = 'this run keeps no history: give --history-dir, a folder with the heartbeats/ folder of the data branch';
  return withHeartbeatReports(config.endpoints, {
    storeOf: async () => (historyDir === null ? none : folderStore(historyDir)),
    place: `the history folder ${JSON.stringify(historyDir ?? '')}`,
    secrets: config.secrets,
  });
}

/** Records the run in a folder with the same judge as the data branch; one line per endpoint. */
async function recordInFolder(
  config: Config,
  report: Report,
  dir: string,
): Promise<{ lines: string[]; fails: boolean; summary: string }> {
  const now = new Date();
  const windows = windowsAt(config.run.maintenance, report.endpoints, now);
  const recorded = await recordRun({
    store: folderStore(dir),
    checks: checksOf(report, windows),
    workflow: null,
    now,
    ...recordSettingsOf(config, { repository: null, run: null }),
  });
  const checked = new Set(report.endpoints.map((endpoint) => endpoint.id));
  const views = recorded.judgement.endpoints.filter((view) => checked.has(view.id));
  const percent = (value: number | null) => (value === null ? '—' : `${value} %`);
  const lines = views.map((view) => {
    const f = view.figures;
    const state = view.pending ? `${f.status} (${view.pending.text})` : f.status;
    return `${oneLine(f.name)}: ${state} since ${f.since ?? '—'} · uptime 24 h ${percent(f.uptime['24h'])}, 7 d ${percent(f.uptime['7d'])}, 30 d ${percent(f.uptime['30d'])} (target ${f.target} %)`;
  });
  // What the tolerant readers repaired or left out, one line per kind of problem.
  for (const warning of [...recorded.warnings, ...recorded.judgement.warnings]) lines.push(`warning: ${oneLine(warning)}`);
  lines.push(
    `History kept in ${dir} (status.json has every figure${config.run.pages ? '; index.html is the status page' : ''}).`,
  );
  const fails = views.some((view) => reachesFailOn(view.figures.status, config.run.failOn));
  const maintenance = new Map([...windows].map(([id, window]) => [id, maintenanceText(window, now)]));
  const summary = historyMarkdown({ views, maintenance, badges: null, monitor: recorded.judgement.status.monitor });
  return { lines, fails, summary };
}

/** One line per endpoint for `validate`: what will be requested and every check that will judge it,
 * comparisons as they will be read (`$.memory_mb < 400`). URLs are shown redacted. */
export function describeEndpoint(endpoint: Endpoint): string {
  const kind = endpoint.kind ? kindOf(endpoint.url) : 'http';
  const checks = [
    kind === 'http' ? `status ${endpoint.expectedStatus.text}` : `up when ${KINDS[kind].upWhen.replace(/`/g, '')}`,
    `under ${formatDuration(endpoint.maxResponseTime)}`,
  ];
  if (endpoint.kind?.send !== undefined) checks.push(`sends ${redactText(JSON.stringify(endpoint.kind.send), endpoint.secrets)}`);
  if (endpoint.kind?.starttls) checks.push('STARTTLS required');
  for (const text of endpoint.bodyContains) checks.push(`body contains ${JSON.stringify(text)}`);
  for (const text of endpoint.bodyNotContains) checks.push(`body does not contain ${JSON.stringify(text)}`);
  if (endpoint.bodyMatches) checks.push(`body matches ${String(endpoint.bodyMatches)}`);
  for (const expectation of endpoint.json) {
    const path = expectation.length ? `len($.${expectation.path})` : `$.${expectation.path}`;
    checks.push(
      expectation.comparison ? `${path} ${expectation.comparison.text}` : `${path} == ${JSON.stringify(expectation.expected)}`,
    );
  }
  for (const [name, value] of Object.entries(endpoint.responseHeaders)) checks.push(`header ${name}: ${JSON.stringify(value)}`);
  if (kind === 'workflow') {
    checks.push(`max-age ${formatDuration(endpoint.kind?.maxAge ?? 25 * 3600_000)}`);
    if (endpoint.kind?.branch) checks.push(`on branch ${endpoint.kind.branch}`);
  }
  if (kind === 'heartbeat') checks.push(`max-age ${formatDuration(endpoint.kind?.maxAge ?? 0)}`);
  // A workflow's "URL" is its file's path, not a URL to redact.
  const url = kind === 'workflow' ? (endpoint.kind?.workflow ?? '') : redactUrl(endpoint.url, endpoint.secrets);
  return `  ${endpoint.id}: ${kind === 'http' ? endpoint.method : kind} ${url} — ${checks.join('; ')}`;
}
