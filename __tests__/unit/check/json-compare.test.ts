/**
 * The `json` check's comparisons with numbers (`memory_mb: "< 400"`, `len(items): "> 0"`), judged
 * against a loopback health page: each operator at, below and above its bound, and the failure
 * messages with the actual value in them.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { evaluate } from '../../../src/check/evaluate.js';
import { loadConfig } from '../../../src/config/inputs.js';
import { ConfigError, type Endpoint } from '../../../src/config/types.js';
import { probeHttp as probe } from '../../../src/probe/kinds/http.js';
import { ROOT, runAction } from '../../support/action.js';
import { startServer, type Service } from '../../support/servers.js';

const HEALTH = {
  status: 'ok',
  memory_mb: 512,
  cpu: 0.75,
  temperature: -3.5,
  database: { latency_ms: 250 },
  queue: { length: 0, jobs: [] },
  tags: ['eu', 'primary'],
  region: 'zürich',
  memory_text: '512MB',
  healthy: true,
  nothing: null,
  build: { id: 1 },
  html: '<b>fine</b>',
};

/** The page examples/health.yml describes, healthy and then in trouble. */
const EXAMPLE_PAGE = {
  status: 'ok',
  memory_mb: 212,
  database: { status: 'ok', latency_ms: 38 },
  queue: { length: 4, oldest_job_age_s: 12, workers: ['w1', 'w2'] },
};
const EXAMPLE_TROUBLE = { ...EXAMPLE_PAGE, memory_mb: 512, queue: { length: 4, oldest_job_age_s: 12, workers: [] } };

let page: Service;
beforeAll(async () => {
  page = await startServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    const body = req.url === '/example' ? EXAMPLE_PAGE : req.url === '/example-trouble' ? EXAMPLE_TROUBLE : HEALTH;
    res.end(JSON.stringify(body));
  });
});
afterAll(() => page.close());

function endpoints(yaml: string): Endpoint[] {
  return loadConfig((name) => (name === 'endpoints' ? yaml : ''), { env: {}, workspace: '.' }).endpoints;
}

/** The failures of one `json` check with a single `key: value`, against the health page. */
async function failuresOf(key: string, value: string): Promise<string[]> {
  const [endpoint] = endpoints(`- url: ${page.url}/health\n  json: { ${JSON.stringify(key)}: ${value} }`);
  return (await evaluate(endpoint, await probe(endpoint), new Date())).failures;
}

const passes = (key: string, value: string) => [key, value, null] as const;
const fails = (key: string, value: string, message: string) => [key, value, message] as const;

describe('comparisons with a number', () => {
  test.each([
    // at, below and above the bound: 512
    fails('memory_mb', '"< 512"', '$.memory_mb is 512, expected < 512'),
    passes('memory_mb', '"< 513"'),
    fails('memory_mb', '"< 400"', '$.memory_mb is 512, expected < 400'),
    passes('memory_mb', '"<= 512"'),
    passes('memory_mb', '"<= 600"'),
    fails('memory_mb', '"<= 511"', '$.memory_mb is 512, expected <= 511'),
    fails('memory_mb', '"> 512"', '$.memory_mb is 512, expected > 512'),
    passes('memory_mb', '"> 511"'),
    fails('memory_mb', '"> 1000"', '$.memory_mb is 512, expected > 1000'),
    passes('memory_mb', '">= 512"'),
    passes('memory_mb', '">= 0"'),
    fails('memory_mb', '">= 513"', '$.memory_mb is 512, expected >= 513'),
    passes('memory_mb', '"== 512"'),
    fails('memory_mb', '"== 511"', '$.memory_mb is 512, expected == 511'),
    fails('memory_mb', '"!= 512"', '$.memory_mb is 512, expected != 512'),
    passes('memory_mb', '"!= 0"'),
    // without a space, and a path with $.
    passes('$.memory_mb', '"<600"'),
    passes('database.latency_ms', '"<= 250"'),
    fails('database.latency_ms', '"< 250"', '$.database.latency_ms is 250, expected < 250'),
    // decimals
    fails('cpu', '"< 0.75"', '$.cpu is 0.75, expected < 0.75'),
    passes('cpu', '"<= 0.75"'),
    passes('cpu', '"< .8"'),
    fails('cpu', '"> 0.8"', '$.cpu is 0.75, expected > 0.8'),
    passes('cpu', '"== 0.75"'),
    // negative numbers
    passes('temperature', '"> -4"'),
    fails('temperature', '"< -3.5"', '$.temperature is -3.5, expected < -3.5'),
    passes('temperature', '"<= -3.5"'),
    fails('temperature', '">= -3"', '$.temperature is -3.5, expected >= -3'),
    fails('temperature', '"!= -3.5"', '$.temperature is -3.5, expected != -3.5'),
    passes('queue.length', '"== 0"'),
    fails('queue.length', '"> 0"', '$.queue.length is 0, expected > 0'),
  ])('%s: %s', async (key, value, failure) => {
    expect(await failuresOf(key, value)).toEqual(failure === null ? [] : [failure]);
  });

  test.each([
    fails('memory_mb_missing', '"< 400"', '$.memory_mb_missing is missing, expected < 400'),
    fails('memory_text', '"< 400"', '$.memory_text is "512MB" (a string), expected < 400'),
    fails('healthy', '"> 0"', '$.healthy is true (a boolean), expected > 0'),
    fails('nothing', '"> 0"', '$.nothing is null, expected > 0'),
    fails('build', '"> 0"', '$.build is {"id":1} (an object), expected > 0'),
    fails('tags', '"> 0"', '$.tags is ["eu","primary"] (a list), expected > 0'),
  ])('missing or not a number — %s: %s', async (key, value, failure) => {
    expect(await failuresOf(key, value)).toEqual([failure]);
  });
});

describe('lengths', () => {
  test.each([
    fails('len(queue.jobs)', '"> 0"', 'len($.queue.jobs) is 0, expected > 0'),
    passes('len(queue.jobs)', '"== 0"'),
    passes('len(queue.jobs)', '0'),
    passes('len(tags)', '"> 0"'),
    passes('len(tags)', '2'),
    fails('len(tags)', '3', 'len($.tags) is 2, expected 3'),
    fails('len(tags)', '">= 3"', 'len($.tags) is 2, expected >= 3'),
    passes('len($.tags)', '"<= 2"'),
    // characters, not bytes: "zürich" is 6 characters in 7 bytes of UTF-8
    passes('len(region)', '6'),
    fails('len(region)', '"< 6"', 'len($.region) is 6, expected < 6'),
    fails('len(queue.missing)', '"> 0"', '$.queue.missing is missing, expected len($.queue.missing) > 0'),
    fails('len(memory_mb)', '"> 0"', '$.memory_mb is 512 (a number), expected len($.memory_mb) > 0'),
    fails('len(build)', '1', '$.build is {"id":1} (an object), expected len($.build) == 1'),
  ])('%s: %s', async (key, value, failure) => {
    expect(await failuresOf(key, value)).toEqual(failure === null ? [] : [failure]);
  });
});

describe('equality stays as it was', () => {
  test.each([
    passes('status', 'ok'),
    passes('memory_mb', '512'),
    passes('memory_text', '"512MB"'),
    // text that only starts with an operator character is not a comparison
    passes('html', '"<b>fine</b>"'),
    fails('status', '"!ok"', '$.status is "ok", expected "!ok"'),
    fails('memory_mb', '"512"', '$.memory_mb is 512, expected "512"'),
  ])('%s: %s', async (key, value, failure) => {
    expect(await failuresOf(key, value)).toEqual(failure === null ? [] : [failure]);
  });
});

const MALFORMED: Array<[string, string, string]> = [
  ['memory_mb', '"< abc"', '"< abc" compares with "abc", not a number'],
  ['memory_mb', '"<< 3"', '"<< 3": "<<" is not an operator'],
  ['memory_mb', '"=> 3"', '"=> 3": "=>" is not an operator'],
  ['memory_mb', '"<"', '"<" compares with nothing, not a number'],
  ['memory_mb', '">= 1O"', '">= 1O" compares with "1O", not a number'],
  ['len(', '"> 0"', '"len(" is not closed: write the length of a path as len(items)'],
  ['len()', '1', '"len()" names no path'],
  ['len(items)', 'many', '"len(items)" is a length: expected a whole number or a comparison such as "> 0", got "many"'],
  ['len(items)', '-1', '"len(items)" is a length: expected a whole number or a comparison such as "> 0", got -1'],
];

describe('a malformed comparison is a configuration error with its place', () => {
  test.each(MALFORMED)('%s: %s', (key, value, message) => {
    let error: unknown;
    try {
      endpoints(`- url: ${page.url}/health\n  json: { ${JSON.stringify(key)}: ${value} }`);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const [problem] = (error as ConfigError).problems;
    expect(problem.where).toBe('endpoints[0].json (input endpoints, line 2)');
    expect(problem.message).toContain(message);
    expect(problem.message).toMatch(/e\.g\. "< 400"|len\(items\)|such as "> 0"/);
  });

  test('through the built action: the step fails naming the place, and nothing is requested', async () => {
    const before = page.requests.length;
    const run = await runAction({
      inputs: { endpoints: `- url: ${page.url}/health\n  json: { memory_mb: "< abc", len(items: 1 }` },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('endpoints[0].json (input endpoints, line 2): "< abc" compares with "abc", not a number');
    expect(page.requests.length).toBe(before);
  });
});

test('examples/health.yml passes a healthy page and says what is wrong with a troubled one', async () => {
  const [endpoint] = loadConfig((name) => (name === 'config' ? 'examples/health.yml' : ''), {
    env: {},
    workspace: ROOT,
  }).endpoints;
  const judge = async (path: string) => {
    const local = { ...endpoint, url: `${page.url}${path}` };
    return evaluate(local, await probe(local), new Date());
  };
  expect(await judge('/example')).toMatchObject({ status: 'up', failures: [] });
  expect((await judge('/example-trouble')).failures).toEqual([
    '$.memory_mb is 512, expected < 400',
    'len($.queue.workers) is 0, expected > 0',
  ]);
});
