/**
 * Secrets from the configuration never reach what users see: not through a default name or id,
 * not in an encoded form a server echoes back, not in a configuration error.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { checkAll } from '../../../src/check/run.js';
import { loadConfig } from '../../../src/config/inputs.js';
import { ConfigError, type Config } from '../../../src/config/types.js';
import { outputsOf } from '../../../src/report/outputs.js';
import { summaryMarkdown } from '../../../src/report/summary.js';
import { terminalTable } from '../../../src/report/terminal.js';
import { behaviours, startServer, type Service } from '../../support/servers.js';

let service: Service;
beforeAll(async () => {
  service = await startServer(behaviours);
});
afterAll(() => service.close());

function load(endpoints: string, env: NodeJS.ProcessEnv = {}): Config {
  return loadConfig((name) => (name === 'endpoints' ? endpoints : name === 'retries' ? '0' : ''), { env, workspace: '.' });
}

/** Everything a run shows: outputs, job summary (with its chart) and the terminal table. */
async function everythingShown(config: Config): Promise<string> {
  const report = await checkAll(config.endpoints, { concurrency: 2 });
  return [JSON.stringify(outputsOf(report)), summaryMarkdown(report), terminalTable(report, false)].join('\n');
}

function configError(endpoints: string, env: NodeJS.ProcessEnv): ConfigError {
  try {
    load(endpoints, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a configuration error');
}

describe('the default name and id', () => {
  test('are made from the URL as users see it, so a ${VAR} in the path stays hidden', async () => {
    const secret = 'a3f1c2d4-5e6f-4a7b-8c9d-secretuuid01';
    const config = load(`- ${service.url}/status/503/\${PING_UUID}`, { PING_UUID: secret });
    const [endpoint] = config.endpoints;
    expect(endpoint.name).toBe(`127.0.0.1:${service.port}/status/503/***`);
    expect(endpoint.id).toBe(`127-0-0-1-${service.port}-status-503`);
    expect(endpoint.url).toContain(secret); // still requested as configured
    const shown = await everythingShown(config);
    expect(shown).toContain(`127.0.0.1:${service.port}/status/503/***`);
    expect(shown).not.toContain('secretuuid');
  });

  test('a URL that is all secret needs a name, and the error says so without showing it', () => {
    const found = configError('- ${HEALTH_URL}', { HEALTH_URL: 'https://hidden.example/health' });
    expect(found.problems.map((p) => p.message)).toEqual([
      'name "***" has no letters or digits to make an id from; give the endpoint a name or an id',
    ]);
  });

  test('two endpoints that differ only by a secret need names of their own', () => {
    const found = configError(`- ${service.url}/ok/\${A}\n- ${service.url}/ok/\${B}`, { A: 'first-secret', B: 'second-secret' });
    expect(found.message).toContain('duplicate id');
    expect(found.message).not.toMatch(/first-secret|second-secret/);
  });
});

describe('encoded forms of a credential', () => {
  test('the Base64 of user:password is hidden when a server echoes the Authorization header', async () => {
    const config = load(`- http://deploy:pa55-w0rd@127.0.0.1:${service.port}/hostile/500?echo=1`);
    const shown = await everythingShown(config);
    expect(shown).toContain('echoed: Basic ***');
    expect(shown).not.toContain(Buffer.from('deploy:pa55-w0rd').toString('base64').replace(/=+$/, ''));
  });

  test('a ${VAR} value is hidden in the form the URL carries it (space as %20, + kept)', async () => {
    const config = load(`- { url: "${service.url}/echo?q=\${QUERY}", json: { method: POST } }`, { QUERY: 'multi word+token' });
    const shown = await everythingShown(config);
    expect(shown).toContain('/echo?q=***');
    expect(shown).not.toMatch(/multi|word%20|token/);
  });
});

describe('configuration errors', () => {
  test('never quote a substituted value, even in part; they show *** instead', () => {
    const error = configError(
      [
        `- url: "\${API_URL}"`,
        `- url: "https://api.example.com:99999/v1/accounts/\${ACCOUNT}/health"`,
        `- url: "\${SCHEME}://a.example/"`,
      ].join('\n'),
      { API_URL: 'https://exa mple.com/tok-SECRET-1', ACCOUNT: 'acct-SECRET-2-0123456789', SCHEME: 'ftp' },
    );
    expect(error.problems.map((p) => `${p.where}: ${p.message}`)).toEqual([
      'endpoints[0].url (input endpoints, line 1): "***" is not a valid URL',
      'endpoints[1].url (input endpoints, line 2): "https://api.example.com:99999/v1/accounts/***/health" is not a valid URL',
      'endpoints[2].url (input endpoints, line 3): scheme "***" is not supported (use http, https, tcp, tls, dns, ws, wss, grpc, grpcs, smtp, smtps, postgres, postgresql, mysql, redis, rediss; or telegram-bot: or workflow: or heartbeat: in place of url)',
    ]);
    expect(error.message).not.toMatch(/SECRET|acct-|tok-|ftp/);
  });

  test('carry every substituted value found, in every form, so the action can mask them first', () => {
    const error = configError(`- url: "${service.url}/ok?token=\${GOOD}"\n- url: "\${BAD}"`, {
      GOOD: 'good secret+1',
      BAD: 'not a url SECRET',
    });
    expect(error.secrets).toEqual(
      expect.arrayContaining(['good secret+1', 'good%20secret%2B1', 'good+secret%2B1', 'not a url SECRET']),
    );
  });
});
