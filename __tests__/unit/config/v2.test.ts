/**
 * The v2 settings: history, notifications, maintenance, deadline, keep-alive, the status page and
 * shards, and the uptime target and thresholds of each endpoint. Each is typed and defaulted, and
 * each mistake is a problem that names its place.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type InputName } from '../../../src/config/inputs.js';
import { parseShard, selectShard } from '../../../src/config/shard.js';
import { ConfigError, type Config, type Problem } from '../../../src/config/types.js';

let workspace: string;
beforeAll(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'vigil-config-v2-'));
});

type Inputs = Partial<Record<InputName, string>>;
const ONE = '- https://a.example/';

function load(inputs: Inputs, env: NodeJS.ProcessEnv = {}): Config {
  return loadConfig((name) => inputs[name] ?? '', { env, workspace });
}

function configError(inputs: Inputs, env: NodeJS.ProcessEnv = {}): ConfigError {
  try {
    load(inputs, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a configuration error');
}

const problems = (inputs: Inputs, env: NodeJS.ProcessEnv = {}) =>
  configError(inputs, env).problems.map((p) => `${p.where}: ${p.message}`);

function writeConfig(name: string, lines: string[]): string {
  writeFileSync(path.join(workspace, name), lines.join('\n'));
  return name;
}

describe('defaults', () => {
  test('a configuration that sets none of the v2 inputs gets the documented defaults', () => {
    const config = load({ endpoints: ONE }, { GITHUB_REPOSITORY: 'acme/shop' });
    expect(config.run).toMatchObject({
      history: true,
      historyBranch: 'vigil-data',
      historyDays: 30,
      deadline: 4 * 60_000,
      keepAlive: true,
      pages: true,
      pageTitle: 'shop',
      pageShowUrls: false,
      shard: null,
      notify: [],
      maintenance: [],
    });
    expect(config.endpoints[0]).toMatchObject({ uptimeTarget: 99, failureThreshold: 1, successThreshold: 1 });
    expect(config.secrets).toEqual([]);
  });

  test('the page is off when history is, and is titled Vigil outside a repository', () => {
    const config = load({ endpoints: ONE, history: 'false' });
    expect([config.run.history, config.run.pages, config.run.pageTitle]).toEqual([false, false, 'Vigil']);
    expect(load({ endpoints: ONE, 'page-title': '  Shop status ' }, { GITHUB_REPOSITORY: 'acme/shop' }).run.pageTitle).toBe(
      'Shop status',
    );
  });

  test('every run input is read', () => {
    const config = load({
      endpoints: ONE,
      'history-branch': 'status/data',
      'history-days': '7',
      deadline: '90s',
      'keep-alive': 'false',
      pages: 'false',
      'page-show-urls': 'true',
      shard: '2/5',
    });
    expect(config.run).toMatchObject({
      historyBranch: 'status/data',
      historyDays: 7,
      deadline: 90_000,
      keepAlive: false,
      pages: false,
      pageShowUrls: true,
      shard: { index: 2, count: 5 },
    });
  });
});

describe('uptime target and thresholds', () => {
  test('precedence: endpoint key > config defaults > action input > built-in default', () => {
    const file = writeConfig('targets.yml', [
      'defaults:',
      '  uptime-target: 99.5',
      '  failure-threshold: 3',
      'endpoints:',
      '  - url: https://c.example/',
      '    uptime-target: 99.95%',
      '    success-threshold: 4',
      '  - https://b.example/',
    ]);
    const inputs = { 'uptime-target': '98%', 'failure-threshold': '2' };
    const [a, b] = load({ config: file, ...inputs }).endpoints;
    expect([a.uptimeTarget, a.failureThreshold, a.successThreshold]).toEqual([99.95, 3, 4]);
    expect([b.uptimeTarget, b.failureThreshold, b.successThreshold]).toEqual([99.5, 3, 1]);
    const [inline] = load({ endpoints: ONE, ...inputs }).endpoints;
    expect([inline.uptimeTarget, inline.failureThreshold, inline.successThreshold]).toEqual([98, 2, 1]);
  });

  test('a target is a percentage above 0 and below 100, written with or without %', () => {
    for (const written of ['99.9%', '99.9', '99.9 %']) {
      expect(load({ endpoints: ONE, 'uptime-target': written }).endpoints[0].uptimeTarget).toBe(99.9);
    }
    expect(
      problems({
        endpoints: '- { url: "https://a.example/", uptime-target: 100 }\n- { url: "https://b.example/", uptime-target: 0% }',
        'uptime-target': 'high',
      }),
    ).toEqual([
      'input uptime-target: "high" is not a percentage (such as 99.9%)',
      'endpoints[0].uptime-target (input endpoints, line 1): 100 leaves no error budget: use a target below 100%, such as 99.9%',
      'endpoints[1].uptime-target (input endpoints, line 2): "0%" is not above 0%',
    ]);
  });

  test('thresholds are whole numbers from 1 to 100, wherever they are written', () => {
    const file = writeConfig('thresholds.yml', [
      'defaults:',
      '  failure-threshold: 0',
      'endpoints:',
      '  - url: https://a.example/',
      '    success-threshold: 101',
    ]);
    expect(problems({ config: file, 'failure-threshold': '1.5' })).toEqual([
      'input failure-threshold: "1.5" is not a whole number',
      'thresholds.yml:2:3: defaults.failure-threshold: 0 is outside the allowed range 1-100',
      'thresholds.yml:5:5: endpoints[0].success-threshold: 101 is outside the allowed range 1-100',
    ]);
  });
});

describe('run inputs outside their allowed values', () => {
  test('history, history days, deadline, keep-alive and the page', () => {
    expect(
      problems({
        endpoints: ONE,
        history: 'yes',
        'history-days': '6',
        deadline: '7h',
        'keep-alive': 'on',
        'page-show-urls': 'maybe',
      }),
    ).toEqual([
      'input history: "yes" is not a boolean (use true or false)',
      'input history-days: 6 is outside the allowed range 7-3650',
      'input deadline: "7h" is longer than the maximum of 6h',
      'input keep-alive: "on" is not a boolean (use true or false)',
      'input page-show-urls: "maybe" is not a boolean (use true or false)',
    ]);
    expect(problems({ endpoints: ONE, 'history-days': '3651', deadline: '4' })).toEqual([
      'input history-days: 3651 is outside the allowed range 7-3650',
      'input deadline: "4" has no unit; did you mean 4s? (durations are a number with a unit: 250ms, 30s, 2m, 1h)',
    ]);
    expect(problems({ endpoints: ONE, deadline: '500ms' })).toEqual([
      'input deadline: "500ms" is shorter than the minimum of 1s',
    ]);
  });

  test('a page without history', () => {
    expect(problems({ endpoints: ONE, history: 'false', pages: 'true' })).toEqual(['input pages: needs history (history: true)']);
  });

  test('a history branch that git would refuse', () => {
    const cases: Array<[string, string]> = [
      ['my data', 'it contains a space'],
      ['data..old', 'it contains ".."'],
      ['data~1', 'it contains "~"'],
      ['a:b', 'it contains ":"'],
      ['what?', 'it contains "?"'],
      ['x*', 'it contains "*"'],
      ['x[1]', 'it contains "["'],
      ['back\\slash', 'it contains "\\"'],
      ['a@{1}', 'it contains "@{"'],
      ['a//b', 'it contains "//"'],
      ['@', 'it is "@"'],
      ['-data', 'it starts with "-"'],
      ['/data', 'it starts with "/"'],
      ['data/', 'it ends with "/"'],
      ['data.', 'it ends with "."'],
      ['.data', 'it has a part that starts with "."'],
      ['status/.data', 'it has a part that starts with "."'],
      ['data.lock', 'it has a part that ends with ".lock"'],
      ['data.lock/x', 'it has a part that ends with ".lock"'],
    ];
    for (const [branch, reason] of cases) {
      expect([branch, problems({ endpoints: ONE, 'history-branch': branch })]).toEqual([
        branch,
        [`input history-branch: ${JSON.stringify(branch)} is not a valid branch name: ${reason}`],
      ]);
    }
    expect(problems({ endpoints: ONE, 'history-branch': 'data\u0007' })[0]).toMatch(/contains a control character/);
    for (const good of ['vigil-data', 'status/data', 'data.v2', 'UPTIME_2026', 'données']) {
      expect(load({ endpoints: ONE, 'history-branch': good }).run.historyBranch).toBe(good);
    }
  });

  test('a history branch that holds code is refused, since the data branch gets a new history every day', () => {
    const message =
      'holds the code: the data branch gets a new history every day, so it needs a branch of its own (the default is vigil-data)';
    expect(problems({ endpoints: ONE, 'history-branch': 'main' })).toEqual([`input history-branch: "main" ${message}`]);
    expect(
      problems({ endpoints: ONE, 'history-branch': 'trunk' }, { GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'trunk' }),
    ).toEqual([`input history-branch: "trunk" ${message}`]);
    // Without history the branch is not written to.
    expect(load({ endpoints: ONE, history: 'false', 'history-branch': 'main' }).run.historyBranch).toBe('main');
  });

  test('a shard is INDEX/COUNT, with 1 ≤ INDEX ≤ COUNT ≤ 256', () => {
    expect(load({ endpoints: ONE, shard: ' 256 / 256 ' }).run.shard).toEqual({ index: 256, count: 256 });
    const cases: Array<[string, string]> = [
      ['half', '"half" is not a shard; write it as INDEX/COUNT, such as 2/5'],
      ['2-5', '"2-5" is not a shard; write it as INDEX/COUNT, such as 2/5'],
      ['-1/5', '"-1/5" is not a shard; write it as INDEX/COUNT, such as 2/5'],
      ['0/5', 'shard 0 of 5 does not exist; shards are numbered 1 to 5'],
      ['6/5', 'shard 6 of 5 does not exist; shards are numbered 1 to 5'],
      ['1/0', '0 shards is outside the allowed range 1-256'],
      ['1/257', '257 shards is outside the allowed range 1-256'],
    ];
    for (const [shard, message] of cases) {
      expect(problems({ endpoints: ONE, shard })).toEqual([`input shard: ${message}`]);
    }
  });
});

describe('shards', () => {
  const endpoints = Array.from({ length: 300 }, (_, i) => ({ id: `endpoint-${i}` }));

  test('the shards of a count hold every endpoint exactly once, in configuration order', () => {
    for (const count of [1, 2, 3, 5, 16, 256]) {
      const shards = Array.from({ length: count }, (_, i) => selectShard(endpoints, { index: i + 1, count }));
      const all = shards.flat().map((endpoint) => endpoint.id);
      expect(all.length).toBe(endpoints.length);
      expect(new Set(all).size).toBe(endpoints.length);
      for (const shard of shards) {
        const order = shard.map((endpoint) => endpoints.indexOf(endpoint));
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }
    }
    // Spread over every shard, not all in one.
    for (let index = 1; index <= 5; index++) expect(selectShard(endpoints, { index, count: 5 }).length).toBeGreaterThan(30);
  });

  test('adding or removing an endpoint moves no other one to another shard', () => {
    const shardsOf = (list: Array<{ id: string }>) =>
      new Map(
        Array.from({ length: 5 }, (_, i) => selectShard(list, { index: i + 1, count: 5 }).map((e) => [e.id, i] as const)).flat(),
      );
    const before = shardsOf(endpoints);
    const after = shardsOf([{ id: 'new-one' }, ...endpoints.slice(0, 150), { id: 'another' }, ...endpoints.slice(151)]);
    for (const [id, shard] of after) if (before.has(id)) expect([id, shard]).toEqual([id, before.get(id)]);
  });

  test('no shard means every endpoint; an empty shard input means none', () => {
    expect(selectShard(endpoints, null)).toEqual(endpoints);
    expect(parseShard('')).toBeNull();
  });
});

describe('notify', () => {
  const env = { TG_TOKEN: '123456:AAbbCCddEE', SLACK_URL: 'https://hooks.slack.example/services/T0/B0/xyzSECRETxyz' };

  test('the input and the config file are read, in that order, with ${VAR} substituted and kept secret', () => {
    const file = writeConfig('notify.yml', [
      'endpoints:',
      '  - { name: API, url: "https://api.example/" }',
      'notify:',
      '  - slack: "${SLACK_URL}"',
      '    on: [down, recovered, degraded]',
    ]);
    const config = load(
      {
        config: file,
        endpoints: ONE,
        notify: '- telegram: { token: "${TG_TOKEN}", chat: "-1001234567890" }\n  endpoints: [api]',
      },
      env,
    );
    expect(config.run.notify.map((target) => target.channel)).toEqual(['telegram', 'slack']);
    expect(config.run.notify[0]).toMatchObject({ token: env.TG_TOKEN, chat: '-1001234567890', endpoints: ['api'] });
    expect(config.run.notify[1]).toMatchObject({ url: env.SLACK_URL, on: ['down', 'recovered', 'degraded'], endpoints: null });
    expect(config.secrets).toEqual(expect.arrayContaining([env.TG_TOKEN, env.SLACK_URL, encodeURIComponent(env.SLACK_URL)]));
  });

  test('the same target in the input and in the file is one target, not two messages per event', () => {
    const file = writeConfig('same-target.yml', ['endpoints: [https://a.example/]', 'notify:', '  - slack: "${SLACK_URL}"']);
    const config = load({ config: file, notify: '- slack: "${SLACK_URL}"' }, env);
    expect(config.run.notify).toHaveLength(1);
  });

  test('notify needs history, wherever it is written', () => {
    expect(problems({ endpoints: ONE, history: 'false', notify: '- slack: "${SLACK_URL}"' }, env)).toEqual([
      'input notify: needs history (history: true)',
    ]);
    const file = writeConfig('notify-no-history.yml', [
      'endpoints: [https://a.example/]',
      '',
      'notify:',
      '  - slack: "${SLACK_URL}"',
    ]);
    expect(problems({ config: file, history: 'false' }, env)).toEqual([
      'notify-no-history.yml:4:3: notify: needs history (history: true)',
    ]);
    // An empty list asks for nothing.
    expect(load({ endpoints: ONE, history: 'false', notify: '[]' }).run.notify).toEqual([]);
  });

  test('problems in the input name the key path and the line', () => {
    const notify = ['- telegram:', '    token: "${TG_TOKEN}"', '- slak: "${SLACK_URL}"', '- discord: ftp://x.example/'].join(
      '\n',
    );
    expect(problems({ endpoints: ONE, notify }, env)).toEqual([
      'notify[0].telegram.chat (input notify, line 1): required',
      'notify[1].slak (input notify, line 3): unknown channel or key (did you mean "slack"?)',
      'notify[2].discord.url (input notify, line 4): scheme "ftp" is not supported (use https)',
    ]);
    expect(problems({ endpoints: ONE, notify: '- slack: https://hooks.example/\n- telegram: {' })).toEqual([
      expect.stringMatching(/^input notify, line \d: invalid YAML: /),
    ]);
    expect(problems({ endpoints: ONE, notify: 'slack: https://hooks.example/' })).toEqual([
      'notify (input notify, line 1): expected a list of targets, e.g. - slack: "${SLACK_WEBHOOK_URL}"',
    ]);
  });

  test('problems in the config file name file, line and column', () => {
    const file = writeConfig('notify-bad.yml', [
      'endpoints:',
      '  - https://a.example/',
      'notify:',
      '  - telegram: { token: "${TG_TOKEN}", chat: "not a chat" }',
      '  - email:',
      '      smtp: smtps://smtp.example',
      '      from: vigil@example.com',
      '      to: [ops@example.com, nobody]',
    ]);
    expect(problems({ config: file }, env)).toEqual([
      'notify-bad.yml:4:39: notify[0].telegram.chat: "not a chat" is not a chat id (a number such as -1001234567890) or a @channelname',
      'notify-bad.yml:8:29: notify[1].email.to[1]: "nobody" is not an e-mail address',
    ]);
  });

  test('a variable that is not set is an error at its place, and never a request', () => {
    expect(
      problems({
        endpoints: ONE,
        notify: '- slack: https://hooks.example/\n- telegram: { token: "${NO_TOKEN}", chat: "@ops_room" }',
      }),
    ).toEqual([
      'notify[1].telegram.token (input notify, line 2): environment variable NO_TOKEN is not set (used as ${NO_TOKEN})',
    ]);
  });

  test('for vigil validate, an unset variable is a note, once per variable, endpoints and notify alike', () => {
    const notes: Problem[] = [];
    const config = loadConfig(
      (name) =>
        ({ endpoints: '- https://a.example/${PING_KEY}', notify: '- telegram: { token: "${NO_TOKEN}", chat: "${PING_KEY}" }' })[
          name as string
        ] ?? '',
      { env: {}, workspace, onNote: (note) => notes.push(note) },
    );
    expect(config.run.notify).toHaveLength(1);
    expect(notes.map((note) => `${note.where}: ${note.message}`)).toEqual([
      'endpoints[0] (input endpoints, line 1): environment variable PING_KEY is not set (used as ${PING_KEY}); it must be set where the checks run',
      'notify[0].telegram.token (input notify, line 1): environment variable NO_TOKEN is not set (used as ${NO_TOKEN}); it must be set where the checks run',
    ]);
  });

  test('a problem never quotes a substituted value, and the error carries it to be masked', () => {
    const error = configError(
      { endpoints: ONE, notify: '- telegram: { token: "${TG_TOKEN}", chat: "${TG_CHAT}" }' },
      {
        ...env,
        TG_CHAT: 'private-chat-name',
      },
    );
    expect(error.problems.map((p) => `${p.where}: ${p.message}`)).toEqual([
      'notify[0].telegram.chat (input notify, line 1): "***" is not a chat id (a number such as -1001234567890) or a @channelname',
    ]);
    expect(error.message).not.toContain('private-chat-name');
    expect(error.secrets).toEqual(expect.arrayContaining(['private-chat-name', env.TG_TOKEN]));
  });

  test('endpoint ids that name no endpoint, with did-you-mean, in the input and the file', () => {
    const file = writeConfig('notify-ids.yml', [
      'endpoints:',
      '  - { name: API health, url: "https://api.example/" }',
      'notify:',
      '  - slack: "${SLACK_URL}"',
      '    endpoints: [api-helth]',
    ]);
    expect(
      problems({ config: file, endpoints: ONE, notify: '- slack: "${SLACK_URL}"\n  endpoints: [a-example, shop]' }, env),
    ).toEqual([
      'notify[0].endpoints[1] (input notify, line 2): no endpoint has the id "shop"',
      'notify-ids.yml:5:17: notify[0].endpoints[0]: no endpoint has the id "api-helth" (did you mean "api-health"?)',
    ]);
  });

  test('a misspelt top-level key of the config file suggests notify or maintenance', () => {
    const file = writeConfig('notfy.yml', ['endpoints: [https://a.example/]', 'notfy: []', 'maintenence: []']);
    expect(problems({ config: file })).toEqual([
      'notfy.yml:2:1: notfy: unknown key; did you mean "notify"?',
      'notfy.yml:3:1: maintenence: unknown key; did you mean "maintenance"?',
    ]);
  });
});

describe('maintenance', () => {
  test('windows of the input and of the config file, in that order', () => {
    const file = writeConfig('maintenance.yml', [
      'endpoints:',
      '  - { name: API, url: "https://api.example/" }',
      'maintenance:',
      '  - every: [sunday]',
      '    start: "03:00"',
      '    duration: 30m',
      '    timezone: Europe/Moscow',
    ]);
    const config = load({ config: file, maintenance: '- { start: "2026-12-01T02:00:00Z", duration: 1h, endpoints: [api] }' });
    expect(config.run.maintenance).toEqual([
      { kind: 'once', start: Date.parse('2026-12-01T02:00:00Z'), durationMs: 3_600_000, timezone: 'UTC', endpoints: ['api'] },
      { kind: 'recurring', days: [0], startMinute: 180, durationMs: 1_800_000, timezone: 'Europe/Moscow', endpoints: null },
    ]);
    // Maintenance needs no history.
    expect(
      load({ endpoints: ONE, history: 'false', maintenance: '- { every: day, start: "03:00", duration: 5m }' }).run.maintenance,
    ).toHaveLength(1);
  });

  test('problems name the key path and the line, in the input and the file', () => {
    const maintenance = [
      '- every: [sundy]',
      '  start: "03:00"',
      '  duration: 30',
      '- { start: "2026-12-01T02:00:00Z", duraton: 1h }',
    ].join('\n');
    expect(problems({ endpoints: ONE, maintenance })).toEqual([
      'maintenance[0].duration (input maintenance, line 3): 30 has no unit (did you mean 30m?)',
      'maintenance[0].every[0] (input maintenance, line 1): "sundy" is not a day (did you mean "sunday"?)',
      'maintenance[1].duraton (input maintenance, line 4): unknown key (did you mean "duration"?)',
      'maintenance[1].duration (input maintenance, line 4): required, e.g. 30m or 2h',
    ]);
    const file = writeConfig('maintenance-bad.yml', [
      'endpoints: [https://a.example/]',
      'maintenance:',
      '  - every: day',
      '    start: "03:00"',
      '    duration: 30m',
      '    timezone: Europe/Berln',
    ]);
    expect(problems({ config: file })).toEqual([
      'maintenance-bad.yml:6:5: maintenance[0].timezone: "Europe/Berln" is not a time zone (did you mean "Europe/Berlin"?)',
    ]);
  });

  test('endpoint ids that name no endpoint, with did-you-mean', () => {
    const maintenance = [
      '- every: day',
      '  start: "03:00"',
      '  duration: 30m',
      '  endpoints: [a-example, a-exampel]',
      '- { every: day, start: "04:00", duration: 5m, endpoints: shop }',
    ].join('\n');
    expect(problems({ endpoints: ONE, maintenance })).toEqual([
      'maintenance[0].endpoints[1] (input maintenance, line 4): no endpoint has the id "a-exampel" (did you mean "a-example"?)',
      'maintenance[1].endpoints (input maintenance, line 5): no endpoint has the id "shop"',
    ]);
  });

  test('ids are not checked while an endpoint has a problem, so no id is called missing for another reason', () => {
    expect(
      problems({
        endpoints: '- { name: API, url: "ftp://api.example/" }',
        maintenance: '- { every: day, start: "03:00", duration: 5m, endpoints: [api] }',
      }),
    ).toEqual([
      'endpoints[0].url (input endpoints, line 1): scheme "ftp" is not supported (use http, https, tcp, tls, dns, ws, wss, grpc, grpcs, smtp, smtps, postgres, postgresql, mysql, redis, rediss; or telegram-bot: or workflow: or heartbeat: in place of url)',
    ]);
  });
});
