/**
 * The run's first stage: the configuration read and checked (a bad one fails the step before
 * any request), every secret masked, this run's shard chosen and the maintenance windows open at
 * its start found.
 */
import { formatDuration } from '../config/duration.js';
import { loadConfig } from '../config/inputs.js';
import { selectShard } from '../config/shard.js';
import { ConfigError, type Config } from '../config/types.js';
import { placeOf } from '../config/yaml.js';
import { windowsAt } from '../maintenance/index.js';
import { redactText } from '../text/redact.js';
import type { RunContext } from './context.js';
import type { Plan } from './state.js';

/**
 * The configuration, read and checked, with every secret of it masked in the log; or null when it
 * failed: each problem annotated where it is, and the step failed with `consequence` (what the run
 * did not do) after the message.
 */
export function configure(ctx: RunContext, consequence: string): { config: Config; secrets: string[] } | null {
  const { runner } = ctx;
  let config;
  try {
    config = loadConfig((name) => runner.getInput(name), { env: ctx.env, workspace: ctx.workspace });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const secret of error.secrets) runner.setSecret(secret);
    for (const problem of error.problems)
      runner.error(
        `${problem.where}: ${problem.message}`,
        'Vigil configuration',
        placeOf(problem.where, error.configFile) ?? undefined,
      );
    runner.setFailed(`${error.message}\n${consequence}`);
    return null;
  }
  const secrets = [config.run.githubToken, ...config.secrets, ...config.endpoints.flatMap((endpoint) => endpoint.secrets)].filter(
    (secret) => secret !== '',
  );
  for (const secret of secrets) runner.setSecret(secret);
  return { config, secrets };
}

/** The run's plan, or null when the configuration failed (said, and the step failed). */
export function prepare(ctx: RunContext): Plan | null {
  const { runner } = ctx;
  const configured = configure(ctx, 'Nothing was checked.');
  if (!configured) return null;
  const { config, secrets } = configured;

  const endpoints = selectShard(config.endpoints, config.run.shard);
  const runStart = ctx.clock.now();
  // Windows are judged at the start of the run: a check is in maintenance or it is not.
  const windows = windowsAt(config.run.maintenance, endpoints, runStart);

  const shard = config.run.shard ? ` (shard ${config.run.shard.index} of ${config.run.shard.count})` : '';
  const count = endpoints.length;
  runner.info(`Checking ${count} ${count === 1 ? 'endpoint' : 'endpoints'}${shard}, ${config.run.concurrency} at a time`);
  return {
    config,
    redact: (text: string) => redactText(text, secrets),
    endpoints,
    windows,
    runStart,
    deadline: { at: performance.now() + config.run.deadline, label: formatDuration(config.run.deadline) },
  };
}
