/**
 * What users copy and pin: the example workflow, the release workflow that moves the major
 * tag, the snippets of the README and of the reference in docs/, and the bundle's entry point.
 */
import { describe, expect, test } from '@jest/globals';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseDocument } from 'yaml';
import { loadConfig } from '../../src/config/inputs.js';
import { ROOT, actionYml } from '../support/action.js';
import { behaviours, startServer } from '../support/servers.js';

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, { permissions?: Record<string, string>; steps: Step[] }>;
}

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const workflow = (file: string) => parse(read(file)) as Workflow;
const steps = (flow: Workflow) => Object.values(flow.jobs).flatMap((job) => job.steps);
const README = read('README.md');
/** The reference the README links to: every Markdown file of docs/ but the measured figures. */
const DOCS = readdirSync(path.join(ROOT, 'docs'))
  .filter((name) => name.endsWith('.md') && !['BENCHMARKS.md', 'SIMULATION.md'].includes(name))
  .map((name) => `docs/${name}`);
const CONFIGURATION = read('docs/configuration.md');
/** Every file a user reads or copies from. */
const PUBLISHED = [
  'README.md',
  ...DOCS,
  'action.yml',
  ...readdirSync(path.join(ROOT, 'examples'))
    .filter((name) => name.endsWith('.yml'))
    .map((name) => `examples/${name}`),
  ...readdirSync(path.join(ROOT, 'examples', 'workflows')).map((name) => `examples/workflows/${name}`),
  ...readdirSync(path.join(ROOT, '.github', 'workflows')).map((name) => `.github/workflows/${name}`),
];
const monitorInputs = (
  parse(read('.github/workflows/monitor.yml')) as { on: { workflow_call: { inputs: Record<string, unknown> } } }
).on.workflow_call.inputs;

/** The inputs a step gives Vigil must be inputs of action.yml, and its endpoints must load. */
function expectValidInputs(inputs: Record<string, unknown>) {
  for (const name of Object.keys(inputs)) expect(Object.keys(actionYml.inputs)).toContain(name);
  // Unset inputs take action.yml's defaults, as on a runner (which also fills in github.token).
  const values: Record<string, string> = { 'github-token': 'a-token' };
  for (const [name, spec] of Object.entries(actionYml.inputs))
    if (!spec.default?.includes('${{')) values[name] = spec.default ?? '';
  for (const [name, value] of Object.entries(inputs)) values[name] = String(value);
  const config = loadConfig((name) => values[name] ?? '', { env: {}, workspace: ROOT });
  expect(config.endpoints.length).toBeGreaterThan(0);
}

describe('the workflow users copy', () => {
  const file = 'examples/workflows/uptime.yml';
  const flow = workflow(file);

  test('pins a released version, never the checkout of this repository', () => {
    const vigil = steps(flow).filter((step) => step.uses?.includes('vigil') || step.uses === './');
    expect(vigil.map((step) => step.uses)).toEqual(['OWNER/vigil@v1']);
    expect(steps(flow).some((step) => step.uses?.startsWith('actions/checkout'))).toBe(false);
    expectValidInputs(vigil[0].with ?? {});
  });

  test('every five minutes, on demand and on heartbeat reports, one checking run at a time, the job alone granted what it writes, each with a reason', () => {
    expect(flow.on.schedule).toEqual([{ cron: '*/5 * * * *' }]);
    expect('workflow_dispatch' in flow.on).toBe(true);
    // A heartbeat report runs in a group of its own, so that none waits behind another and is cancelled.
    expect(flow.concurrency).toEqual({
      group: "${{ github.event.action == 'vigil-heartbeat' && format('uptime-heartbeat-{0}', github.run_id) || 'uptime' }}",
      'cancel-in-progress': false,
    });
    expect(flow.on.repository_dispatch).toEqual({ types: ['check-uptime', 'vigil-heartbeat'] });
    expect(flow.permissions).toEqual({});
    expect(flow.jobs.check.permissions).toEqual({ contents: 'write', issues: 'write', actions: 'write' });
    const permissions = parseDocument(read(file)).getIn(['jobs', 'check', 'permissions'], true) as {
      items: Array<{ value: { comment?: string } }>;
    };
    for (const item of permissions.items) expect(item.value.comment?.trim().length).toBeGreaterThan(10);
  });

  test('only workflows that check this repository out run the action from it', () => {
    for (const name of readdirSync(path.join(ROOT, '.github', 'workflows'))) {
      const local = steps(workflow(path.join('.github', 'workflows', name)));
      const at = local.findIndex((step) => step.uses === './');
      if (at < 0) continue;
      expect([name, local.slice(0, at).some((step) => step.uses?.startsWith('actions/checkout'))]).toEqual([name, true]);
    }
  });
});

describe('the release workflow', () => {
  const flow = workflow('.github/workflows/release.yml');
  const move = steps(flow).find((step) => step.run?.includes('git push'))!;

  /** Runs the workflow's own script in a clone of a throwaway repository, as a runner would. */
  function release(tag: string) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-release-'));
    const git = (cwd: string, ...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', ...args], {
        cwd,
        encoding: 'utf8',
      }).trim();
    const origin = path.join(dir, 'origin.git');
    const work = path.join(dir, 'work');
    git(dir, 'init', '-q', '--bare', origin);
    git(dir, 'clone', '-q', origin, work);
    git(work, 'commit', '-q', '--allow-empty', '-m', 'one');
    git(work, 'tag', 'v1.0.0');
    git(work, 'tag', 'v1');
    git(work, 'commit', '-q', '--allow-empty', '-m', 'two');
    git(work, 'tag', '-a', '-m', 'release', tag);
    git(work, 'push', '-q', 'origin', 'main', '--tags');
    const sha = git(work, 'rev-parse', 'HEAD');
    const output = execFileSync('bash', ['-e', '-c', move.run!], {
      cwd: work,
      env: { PATH: process.env.PATH, HOME: dir, TAG: tag, GITHUB_SHA: sha },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const remoteV1 = git(work, 'ls-remote', origin, 'refs/tags/v1').split('\t')[0];
    rmSync(dir, { recursive: true, force: true });
    return { sha, remoteV1, output };
  }

  test('publishing v1.x.y moves v1 to that release', () => {
    expect(flow.on).toEqual({ release: { types: ['published'] } });
    // Only the job that moves the tag may write, and nothing else.
    expect(flow.permissions).toEqual({});
    expect(flow.jobs['major-tag'].permissions).toEqual({ contents: 'write' });
    const { sha, remoteV1 } = release('v1.2.3');
    expect(remoteV1).toBe(sha);
  });

  test('a tag that is not vX.Y.Z moves nothing', () => {
    const { sha, remoteV1, output } = release('nightly');
    expect(remoteV1).not.toBe(sha);
    expect(output).toContain('::notice::nightly is not of the form vX.Y.Z');
  });
});

describe('the README and the reference in docs/', () => {
  const yamlBlocks = ['README.md', ...DOCS].flatMap((file) =>
    [...read(file).matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]),
  );

  test('every step that uses Vigil pins a release and gives it only inputs it has', () => {
    let checked = 0;
    for (const block of yamlBlocks) {
      const doc = parse(block) as unknown;
      const found: Step[] = [];
      const visit = (node: unknown) => {
        if (Array.isArray(node)) node.forEach(visit);
        else if (node && typeof node === 'object') {
          const step = node as Step;
          if (typeof step.uses === 'string' && /vigil|^\.\/$/.test(step.uses)) found.push(step);
          else Object.values(node).forEach(visit);
        }
      };
      visit(doc);
      for (const step of found) {
        // A job may call the reusable workflow instead, pinned the same way, with its inputs.
        const reusable = step.uses === 'OWNER/vigil/.github/workflows/monitor.yml@v1';
        if (!reusable) expect(step.uses).toBe('OWNER/vigil@v1');
        const inputs = reusable ? Object.keys(monitorInputs) : Object.keys(actionYml.inputs);
        for (const name of Object.keys(step.with ?? {})) expect(inputs).toContain(name);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  test('shows the command as npm can really run it', () => {
    const cli = read('docs/cli.md');
    for (const text of [README, cli]) expect(text).not.toMatch(/npx vigil\b/);
    expect(cli).toContain('npx github:OWNER/vigil check');
    expect(cli).toContain('npx @github/local-action . src/main.ts .env');
  });

  /** The rows of the Markdown table that follows a heading: cells, trimmed, header and rule left out. */
  function tableAfter(heading: string, text = CONFIGURATION): string[][] {
    expect(text).toContain(`\n${heading}\n`);
    const section = text.slice(text.indexOf(`\n${heading}\n`));
    const table = /\n(\|.*\|\n)+/.exec(section)![0].trim().split('\n');
    return table.slice(2).map((row) =>
      row
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  const codeSpans = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]);

  test('the inputs table lists every input of action.yml, with its default and a meaning', () => {
    const rows = tableAfter('## Inputs');
    expect(rows.map(([input]) => codeSpans(input)[0])).toEqual(Object.keys(actionYml.inputs));
    for (const [input, fallback, meaning] of rows) {
      const written = actionYml.inputs[codeSpans(input)[0]].default ?? '';
      // An empty default is either nothing or said in words (`pages`: on when history is).
      if (written !== '') expect([input, fallback]).toEqual([input, `\`${written}\``]);
      expect(meaning.length).toBeGreaterThan(20);
    }
  });

  test('the outputs table lists every output of action.yml', () => {
    const listed = tableAfter('## Outputs').flatMap(([output]) => codeSpans(output));
    expect(listed.sort()).toEqual(Object.keys(actionYml.outputs).sort());
  });

  test('the permissions table says what each permission the example asks for is for, and what happens without it', () => {
    const rows = tableAfter('## Permissions and costs', README);
    const asked = Object.entries(workflow('examples/workflows/uptime.yml').jobs.check.permissions ?? {}).map(
      ([name, level]) => `${name}: ${level}`,
    );
    expect(rows.map(([permission]) => codeSpans(permission)[0]).sort()).toEqual(asked.sort());
    for (const [, neededFor, without] of rows) expect([neededFor.length, without.length].every((n) => n > 10)).toBe(true);
  });

  test('the precedence of settings reads as one sentence, not a broken quote', () => {
    expect(CONFIGURATION).not.toMatch(/^> action input/m);
    expect(CONFIGURATION).toContain(
      "the endpoint's key, then the config\nfile's `defaults:`, then the action input, then the built-in default.",
    );
  });
});

describe('what a newcomer meets', () => {
  test('a README read in five minutes, whose contents list leads to the reference', () => {
    expect(README.split('\n').length).toBeLessThanOrEqual(400);
    const contents = README.slice(README.indexOf('\n## Contents\n'), README.indexOf('\n## Quick start\n'));
    for (const doc of ['configuration', 'history', 'notifications', 'status-page', 'cli', 'recipes', 'performance'])
      expect(contents).toContain(`(docs/${doc}.md)`);
    expect(README).toContain('npm ci && npm run demo');
    expect(README).toContain('npm ci && npm test');
    expect(README).toContain('](docs/status-page-light.png)');
    // What a private repository pays is said before anyone copies the workflow.
    expect(README.indexOf('8,600')).toBeLessThan(README.indexOf('\n## Limits of scheduled workflows\n'));
  });

  test('every relative link of the README and docs/ leads to a file that exists', () => {
    // Written at the same time as this reference, in other changes; remove once they are in.
    for (const file of ['README.md', ...DOCS, 'CHANGELOG.md', 'SECURITY.md']) {
      for (const [, target] of read(file).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)|src="([^"]+)"/g)) {
        if (!target || /^[a-z]+:/.test(target)) continue;
        const resolved = path.relative(ROOT, path.resolve(ROOT, path.dirname(file), target));
        expect([file, target, existsSync(path.join(ROOT, resolved))]).toEqual([file, target, true]);
      }
    }
  });

  test("no example watches someone else's service: the addresses are placeholders", () => {
    for (const file of PUBLISHED) expect([file, /examflow/i.test(read(file))]).toEqual([file, false]);
  });

  test('each action is pinned to one major version everywhere', () => {
    const majors = new Map<string, Set<string>>();
    for (const file of PUBLISHED)
      for (const [, action, version] of read(file).matchAll(/uses: ((?:actions|github)\/[\w./-]+)@(v\d+)/g))
        majors.set(action, (majors.get(action) ?? new Set()).add(version));
    expect(majors.get('actions/checkout')).toEqual(new Set(['v5']));
    for (const [action, versions] of majors) expect([action, [...versions]]).toEqual([action, [[...versions][0]]]);
  });

  test('every permission a snippet or example grants is granted to a job, with a comment saying what it is for', () => {
    const blocks = [
      ...['README.md', ...DOCS].flatMap((file) => [...read(file).matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1])),
      ...readdirSync(path.join(ROOT, 'examples', 'workflows')).map((name) => read(`examples/workflows/${name}`)),
    ];
    let granted = 0;
    for (const block of blocks) {
      const doc = parseDocument(block);
      const top = doc.get('permissions', true) as { items?: unknown[] } | undefined;
      expect(top?.items ?? []).toEqual([]);
      const jobs = doc.get('jobs', true) as { items?: Array<{ value: { get(key: string, keep: true): unknown } }> };
      for (const job of jobs?.items ?? []) {
        const permissions = job.value.get('permissions', true) as
          { items: Array<{ key: { value: string }; value: { comment?: string } }> } | undefined;
        for (const item of permissions?.items ?? []) {
          expect([item.key.value, (item.value.comment ?? '').trim().length > 10]).toEqual([item.key.value, true]);
          granted += 1;
        }
      }
    }
    expect(granted).toBeGreaterThanOrEqual(10);
  });

  test('Node 22.2 or later (zlib.crc32, for git packs), everywhere it is named', () => {
    const pkg = JSON.parse(read('package.json')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe('>=22.2');
    expect(read('README.md')).toContain('Node.js 22.2 or later');
    expect(read('.node-version').trim()).toBe('22');
    expect(workflow('.github/workflows/ci.yml').jobs.test).toMatchObject({ strategy: { matrix: { node: [22, 24] } } });
  });

  test('what Marketplace users look for is there', () => {
    expect(read('CHANGELOG.md')).toMatch(/^## Unreleased$/m);
    expect(read('CHANGELOG.md')).toMatch(/^## 1\.0\.0/m);
    expect(read('SECURITY.md')).toMatch(/report/i);
    const dependabot = parse(read('.github/dependabot.yml')) as { updates: Array<{ 'package-ecosystem': string }> };
    expect(dependabot.updates.map((update) => update['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
    expect(read('.github/workflows/codeql.yml')).toContain('github/codeql-action/analyze@');
  });
});

describe('the bundle', () => {
  test('a dist/ built from these sources is trusted however old its files look, as after a fresh clone', () => {
    // `npm test` builds first when needed, so dist/ here was built from these very sources.
    expect(existsSync(path.join(ROOT, 'dist', 'build-hash.txt'))).toBe(true);
    // git checks files out in any order: a dist/ older than src/ must not be rebuilt.
    const bundle = path.join(ROOT, 'dist', 'index.js');
    const { atime, mtime } = statSync(bundle);
    utimesSync(bundle, new Date('2000-01-01'), new Date('2000-01-01'));
    try {
      const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--if-needed'], { encoding: 'utf8' });
      expect([run.status, run.stdout, run.stderr]).toEqual([0, '', '']);
    } finally {
      utimesSync(bundle, atime, mtime);
    }
  });

  test('every file outside src/ that the sources import is part of the hash that decides a rebuild', () => {
    // src/cli.ts bundles the version from package.json: a new version alone must rebuild dist/.
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--sources'], { encoding: 'utf8' });
    const hashed = run.stdout.trim().split('\n');
    const srcFiles = hashed.filter((file) => file.startsWith('src/') && file.endsWith('.ts'));
    expect(srcFiles.length).toBeGreaterThan(10);
    for (const file of srcFiles)
      for (const [, target] of read(file).matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const resolved = path.relative(ROOT, path.resolve(ROOT, path.dirname(file), target)).replace(/\.js$/, '.ts');
        if (!resolved.startsWith('src/')) expect([file, resolved, hashed.includes(resolved)]).toEqual([file, resolved, true]);
      }
  });

  test('dist/index.js runs the action and exports run, as src/main.ts does', async () => {
    const service = await startServer(behaviours);
    try {
      const probe = `const m = await import(${JSON.stringify(path.join(ROOT, 'dist', 'index.js'))}); console.log('run is a ' + typeof m.run);`;
      const child = spawn(process.execPath, ['--input-type=module', '-e', probe], {
        env: { PATH: process.env.PATH, INPUT_ENDPOINTS: `- ${service.url}/ok`, INPUT_CONCURRENCY: '1' },
      });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(0);
      expect(stdout).toContain('Vigil: 1 endpoint up');
      expect(stdout.trim().split('\n').at(-1)).toBe('run is a function');
    } finally {
      await service.close();
    }
  });
});
