/**
 * A secret substituted into the configuration, through dist/index.js: it reaches no output, no
 * summary, no log line and no issue, whether the endpoint is down or the configuration is wrong.
 * (`::add-mask::` lines are where the action hands a secret to the runner to mask.)
 */
import { expect, test } from '@jest/globals';
import { runAction, type ActionRun } from '../support/action.js';
import { serviceFixture } from '../support/run-fixture.js';

const fixture = serviceFixture();

/** Everything the run showed anyone, except the lines that register secrets with the runner. */
const shown = (run: ActionRun) =>
  [
    run.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n'),
    run.stderr,
    JSON.stringify(run.outputs),
    run.summary,
    JSON.stringify(fixture.github.requests),
  ].join('\n');

test('a ${VAR} in the URL path reaches no result, summary, annotation, issue title or marker', async () => {
  const secret = 'f00dcafe-1234-4abc-9def-hcpinguuid01';
  const run = await runAction({
    inputs: {
      endpoints: `- ${fixture.service.url}/status/503/\${PING_UUID}`,
      retries: '0',
      'create-issues': 'true',
      'github-token': 'test-token',
    },
    env: { PING_UUID: secret, GITHUB_API_URL: fixture.github.url },
  });
  expect(run.code).toBe(1);
  const name = `127.0.0.1:${fixture.service.port}/status/503/***`;
  expect(JSON.parse(run.outputs['down-endpoints'])).toEqual([name]);
  expect(fixture.github.open().map((issue) => issue.title)).toEqual([expect.stringContaining(name)]);
  expect(fixture.github.open()[0].body).toContain(`<!-- vigil:endpoint=127-0-0-1-${fixture.service.port}-status-503 -->`);
  expect(shown(run)).not.toContain('hcpinguuid');
});

test('a configuration error does not echo a substituted value', async () => {
  const run = await runAction({
    inputs: { endpoints: '- url: "${API_URL}"' },
    env: { API_URL: 'https://exa mple.com/health?token=tok-SECRET-42' },
  });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('endpoints[0].url (input endpoints, line 1): "***" is not a valid URL');
  expect(shown(run)).not.toMatch(/SECRET|exa mple/);
});

test('a configuration error in a notification target does not echo a substituted value either', async () => {
  const run = await runAction({
    inputs: { endpoints: `- ${fixture.service.url}/ok`, notify: '- telegram: { token: "${TG_TOKEN}", chat: "${TG_CHAT}" }' },
    env: { TG_TOKEN: '123456:tokSECRETtok', TG_CHAT: 'SECRET-room' },
  });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('notify[0].telegram.chat (input notify, line 1): "***" is not a chat id');
  expect(shown(run)).not.toContain('SECRET');
});
