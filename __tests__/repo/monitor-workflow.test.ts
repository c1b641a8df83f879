/**
 * The workflows for many endpoints: the reusable workflow (.github/workflows/monitor.yml) that
 * other repositories call with `uses: OWNER/vigil/.github/workflows/monitor.yml@v1` (what it asks
 * for, and that every input reaches the action unchanged), and the example that spreads one list
 * over a job matrix.
 */
import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseDocument } from 'yaml';
import { loadConfig } from '../../src/config/inputs.js';
import { selectShard } from '../../src/config/shard.js';
import { ROOT, actionYml } from '../support/action.js';

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string | boolean>;
}
interface CallInput {
  type: 'string' | 'number' | 'boolean';
  default?: string | number | boolean;
  required?: boolean;
}
interface Workflow {
  on: {
    workflow_call: {
      inputs: Record<string, CallInput>;
      secrets: Record<string, { required?: boolean }>;
      outputs: Record<string, { value: string }>;
    };
  } & Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<
    string,
    { 'runs-on': string; permissions?: Record<string, string>; outputs: Record<string, string>; steps: Step[] }
  >;
}

const FILE = path.join(ROOT, '.github', 'workflows', 'monitor.yml');
const text = readFileSync(FILE, 'utf8');
const flow = parse(text) as Workflow;
const call = flow.on.workflow_call;
const jobs = Object.entries(flow.jobs);
const steps = jobs.flatMap(([, job]) => job.steps);
const vigil = steps.find((step) => step.id === 'vigil')!;
/** Inputs of the workflow itself, not of the action. */
const OWN_INPUTS = ['runs-on'];

describe('the reusable workflow', () => {
  test('is only called from other workflows', () => {
    expect(Object.keys(flow.on)).toEqual(['workflow_call']);
  });

  test('its job asks for what Vigil writes and nothing else, each permission with its reason', () => {
    expect(flow.permissions).toBeUndefined();
    expect(flow.jobs.check.permissions).toEqual({ contents: 'write', issues: 'write', actions: 'write' });
    const permissions = parseDocument(text).getIn(['jobs', 'check', 'permissions'], true) as {
      items: Array<{ value: { comment?: string } }>;
    };
    for (const item of permissions.items) expect(item.value.comment?.trim().length).toBeGreaterThan(10);
  });

  test('offers every input of the action, the token as a secret that falls back to the job token', () => {
    // The token and the heartbeat URLs are passed as secrets (masked), the rest as inputs.
    const offered = [...Object.keys(call.inputs), 'github-token', 'heartbeat-url', 'heartbeat-fail-url'];
    expect(Object.keys(actionYml.inputs).filter((name) => !offered.includes(name))).toEqual([]);
    expect(call.secrets.token.required).toBe(false);
    expect(vigil.with?.['github-token']).toBe('${{ secrets.token || github.token }}');
  });

  test('passes every input to the action under the same name, with the default of action.yml', () => {
    const passed = Object.keys(vigil.with ?? {});
    for (const [name, input] of Object.entries(call.inputs)) {
      if (OWN_INPUTS.includes(name)) continue;
      expect([name, Object.keys(actionYml.inputs)]).toEqual([name, expect.arrayContaining([name])]);
      expect([name, vigil.with?.[name]]).toEqual([name, `\${{ inputs.${name} }}`]);
      // Given the action's own default, a caller that leaves an input out gets what the action alone would do.
      expect([name, String(input.default ?? '')]).toEqual([name, actionYml.inputs[name].default ?? '']);
      expect(input.required ?? false).toBe(false);
    }
    // Nothing reaches the action that the caller could not set.
    for (const name of passed)
      expect([...Object.keys(call.inputs), 'github-token', 'heartbeat-url', 'heartbeat-fail-url']).toContain(name);
    // The heartbeat URLs come from secrets of the same meaning (secret names cannot hold `-`).
    expect(vigil.with?.['heartbeat-url']).toBe('${{ secrets.heartbeat_url }}');
    expect(vigil.with?.['heartbeat-fail-url']).toBe('${{ secrets.heartbeat_fail_url }}');
    // The inputs that matter most are all there.
    for (const name of ['endpoints', 'config', 'create-issues', 'notify', 'maintenance', 'shard', 'history', 'pages'])
      expect(Object.keys(call.inputs)).toContain(name);
  });

  test("runs the action of the commit the caller pinned, never the caller's code or another ref", () => {
    const self = steps.find((step) => step.with?.repository === '${{ job.workflow_repository }}')!;
    expect(self.uses).toMatch(/^actions\/checkout@v\d+$/);
    expect(self.with).toMatchObject({ ref: '${{ job.workflow_sha }}', path: '.vigil-action', 'persist-credentials': false });
    expect(vigil.uses).toBe('./.vigil-action');
    expect(steps.indexOf(self)).toBeLessThan(steps.indexOf(vigil));
    // The caller's repository is checked out only for its config file, and before Vigil's copy
    // (a checkout into the workspace would delete a copy made before it).
    const caller = steps.filter((step) => step.uses?.startsWith('actions/checkout') && step !== self);
    expect(caller).toHaveLength(1);
    expect(caller[0].if).toBe("inputs.config != ''");
    expect(caller[0].with).toEqual({ 'persist-credentials': false });
    expect(steps.indexOf(caller[0])).toBeLessThan(steps.indexOf(self));
  });

  test("hands the caller's outputs back", () => {
    for (const name of ['status', 'down-endpoints', 'results', 'history-commit']) {
      expect(Object.keys(actionYml.outputs)).toContain(name);
      expect(call.outputs[name].value).toBe(`\${{ jobs.check.outputs.${name} }}`);
      expect(flow.jobs.check.outputs[name]).toBe(`\${{ steps.vigil.outputs.${name} }}`);
    }
  });

  test("turns the caller's secrets into variables for `${VAR}`, whatever their value holds", () => {
    const pass = steps.find((step) => step.env?.SECRETS === '${{ toJSON(secrets) }}')!;
    expect(steps.indexOf(pass)).toBeLessThan(steps.indexOf(vigil));
    // The step's own script, run by bash as the runner runs it, on secrets that try to break out.
    const envFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'vigil-env-')), 'github_env');
    const secrets = {
      github_token: 'ghs_not_this_one',
      SLACK_WEBHOOK_URL: 'https://hooks.slack.example/T/B/x',
      PEM: 'line one\nEOF\nline three',
    };
    execFileSync('bash', ['-e', '-c', pass.run!], {
      env: { PATH: process.env.PATH, SECRETS: JSON.stringify(secrets), GITHUB_ENV: envFile },
    });
    expect(parseEnvFile(readFileSync(envFile, 'utf8'))).toEqual({
      SLACK_WEBHOOK_URL: secrets.SLACK_WEBHOOK_URL,
      PEM: secrets.PEM,
    });
  });
});

describe('the sharded example', () => {
  const example = parse(readFileSync(path.join(ROOT, 'examples', 'workflows', 'uptime-sharded.yml'), 'utf8')) as {
    jobs: Record<string, { strategy: { 'fail-fast': boolean; matrix: { shard: number[] } }; steps: Step[] }>;
  };
  const [job] = Object.values(example.jobs);
  const step = job.steps.find((each) => each.uses?.includes('vigil'))!;

  test('pins a release, and one outage does not cancel the other shards', () => {
    expect(step.uses).toBe('OWNER/vigil@v1');
    expect(job.strategy['fail-fast']).toBe(false);
    for (const name of Object.keys(step.with ?? {})) expect(Object.keys(actionYml.inputs)).toContain(name);
  });

  test('its matrix names every shard of the count it writes, so together they check every endpoint once', () => {
    const shards = job.strategy.matrix.shard;
    const count = Number(/\/(\d+)$/.exec(String(step.with?.shard))?.[1]);
    expect(shards).toEqual(Array.from({ length: count }, (_, index) => index + 1));
    const checked: string[] = [];
    let all: string[] = [];
    for (const shard of shards) {
      // As the runner gives it: the matrix value in place, the config file one of ours.
      const inputs: Record<string, string> = { 'github-token': 'a-token' };
      for (const [name, spec] of Object.entries(actionYml.inputs))
        if (!spec.default?.includes('${{')) inputs[name] = spec.default ?? '';
      for (const [name, value] of Object.entries(step.with ?? {}))
        inputs[name] = String(value).replace('${{ matrix.shard }}', String(shard));
      inputs.config = 'examples/vigil.yml';
      const config = loadConfig((name) => inputs[name] ?? '', { env: { STATUS_TOKEN: 'x' }, workspace: ROOT });
      expect(config.run.shard).toEqual({ index: shard, count });
      all = config.endpoints.map((endpoint) => endpoint.id);
      checked.push(...selectShard(config.endpoints, config.run.shard).map((endpoint) => endpoint.id));
    }
    expect(all.length).toBeGreaterThan(1);
    expect(checked.sort()).toEqual([...all].sort());
  });
});

/** Reads a GITHUB_ENV file as the runner does: `NAME=value` lines and `NAME<<DELIMITER` blocks. */
function parseEnvFile(content: string): Record<string, string> {
  const env: Record<string, string> = {};
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const block = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (block) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== block[2]; i++) value.push(lines[i]);
      env[block[1]] = value.join('\n');
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=');
      env[lines[i].slice(0, at)] = lines[i].slice(at + 1);
    }
  }
  return env;
}
