/**
 * The action's run: load the configuration, check every endpoint, then hand the finished
 * report to every sink (log, summary, outputs, annotations, incident issues) and set the exit
 * status. Nothing downstream reads the inputs again.
 */
import { checkAll } from './check/run.js';
import { failsOn, type Report } from './check/types.js';
import { loadConfig } from './config/inputs.js';
import { ConfigError, type Config } from './config/types.js';
import { problemsOf } from './report/format.js';
import { oneLine } from './report/markdown.js';
import { outputsOf } from './report/outputs.js';
import { summaryMarkdown, type IncidentLink } from './report/summary.js';
import { resultLine, terminalTable, useColour } from './report/terminal.js';
import { githubRunner, type Runner } from './runner.js';

export function runUrlFrom(env: NodeJS.ProcessEnv): string | null {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
  if (!GITHUB_REPOSITORY || !GITHUB_RUN_ID) return null;
  return `${GITHUB_SERVER_URL || 'https://github.com'}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`;
}

interface IncidentOutcome {
  opened: number[];
  closed: number[];
  links: Map<string, IncidentLink>;
  /** Set when the issues API could not do what was needed. */
  failure: string | null;
}

async function handleIncidents(config: Config, report: Report, env: NodeJS.ProcessEnv): Promise<IncidentOutcome> {
  // Loaded only when create-issues is on: the GitHub client (Octokit and undici) is most of the
  // bundle, and a run without incident issues should not pay for loading it.
  const { reconcileIncidents, incidentClient, workflowPathOf } = await import('./incidents/index.js');
  try {
    const client = incidentClient(config.run.githubToken, env);
    return await reconcileIncidents(report, client, {
      labels: config.run.issueLabels,
      assignees: config.run.issueAssignees,
      closeIssues: config.run.closeIssues,
      runUrl: runUrlFrom(env),
      workflow: workflowPathOf(env.GITHUB_WORKFLOW_REF),
      // Every configured id, not only those checked: an incident of another id is closed as
      // no longer monitored.
      configuredIds: config.endpoints.map((endpoint) => endpoint.id),
    });
  } catch (error) {
    return { opened: [], closed: [], links: new Map(), failure: (error as Error).message };
  }
}

export async function run(
  env: NodeJS.ProcessEnv = process.env,
  runner: Runner = githubRunner(env, (line) => process.stdout.write(`${line}\n`)),
): Promise<void> {
  try {
    await checkAndReport(env, runner);
  } catch (error) {
    // A bug of ours must still fail the step visibly, not end in an unhandled rejection.
    runner.setFailed(`Vigil failed unexpectedly: ${(error as Error)?.stack ?? String(error)}`);
  }
}

async function checkAndReport(env: NodeJS.ProcessEnv, runner: Runner): Promise<void> {
  let config: Config;
  try {
    config = loadConfig((name) => runner.getInput(name), { env, workspace: env.GITHUB_WORKSPACE || process.cwd() });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) runner.error(`${problem.where}: ${problem.message}`, 'Vigil configuration');
    runner.setFailed(`${error.message}\nNothing was checked.`);
    return;
  }

  if (config.run.githubToken) runner.setSecret(config.run.githubToken);
  for (const endpoint of config.endpoints) for (const secret of endpoint.secrets) runner.setSecret(secret);

  const colour = useColour(process.stdout, env);
  const count = config.endpoints.length;
  runner.info(`Checking ${count} ${count === 1 ? 'endpoint' : 'endpoints'}, ${config.run.concurrency} at a time`);
  const report = await checkAll(config.endpoints, {
    concurrency: config.run.concurrency,
    onResult: (result) => runner.info(resultLine(result, colour)),
  });

  const incidents: IncidentOutcome = config.run.createIssues
    ? await handleIncidents(config, report, env)
    : { opened: [], closed: [], links: new Map(), failure: null };

  runner.info('');
  runner.info(terminalTable(report, colour));

  for (const [name, value] of Object.entries(outputsOf(report, incidents))) runner.setOutput(name, value);

  for (const endpoint of report.endpoints) {
    const details = problemsOf(endpoint).map(oneLine).join('; ');
    if (endpoint.status === 'down') runner.error(`${endpoint.name} is down: ${details}`, `Vigil: ${endpoint.name} is down`);
    if (endpoint.status === 'degraded') {
      runner.warning(`${endpoint.name} is degraded: ${details}`, `Vigil: ${endpoint.name} is degraded`);
    }
  }

  if (config.run.summary) {
    const markdown = summaryMarkdown(report, {
      runUrl: runUrlFrom(env),
      incidents: incidents.links,
      notices: incidents.failure ? [incidents.failure] : [],
    });
    runner.appendSummary(markdown);
  }

  const failures: string[] = [];
  if (failsOn(report, config.run.failOn)) {
    const names = report.endpoints.filter((e) => e.status !== 'up' && (config.run.failOn === 'degraded' || e.status === 'down'));
    failures.push(`${report.status === 'down' ? 'Down' : 'Degraded'}: ${names.map((e) => `${e.name} (${e.status})`).join(', ')}`);
  }
  if (incidents.failure) {
    runner.error(incidents.failure, 'Vigil: incident issues');
    failures.push(incidents.failure);
  }
  if (failures.length > 0) runner.setFailed(failures.join('\n'));
}
