// Saves the history of many endpoints with the real store, in a process of its own (started under
// `ulimit -n` by unit/store/descriptors.test.ts): `node save-many.mjs git URL OWNER/NAME TOKEN COUNT`
// or `node save-many.mjs folder DIR COUNT`. Two runs: the first writes every file, the second
// reads them all back and rewrites them. Prints what the second run saw as JSON.
import { rmSync } from 'node:fs';
import { transpile } from '../../scripts/transpile.mjs';

const load = transpile(['store', 'history', 'text']);
try {
  const { folderStore, gitStore } = await load('store/index.js');
  const [kind, target, ...rest] = process.argv.slice(2);
  const store =
    kind === 'git'
      ? gitStore({ serverUrl: target, repository: rest[0], token: rest[1], branch: 'vigil-data', env: process.env })
      : folderStore(target);
  const count = Number(kind === 'git' ? rest[2] : rest[0]);
  const ids = Array.from({ length: count }, (_, n) => `endpoint-${n}`);
  const header = 'time,id,status,http,total,dns,connect,tls,wait,download,attempts,error\n';
  const change = (run) => (files) => {
    const changes = new Map();
    const day = 'history/2026-11-26.csv';
    changes.set(
      day,
      (files.get(day) ?? header) + ids.map((id) => `2026-11-26T10:0${run}:00.000Z,${id},up,200,${run},1,1,1,1,1,1,\n`).join(''),
    );
    for (const id of ids) {
      for (const badge of ['status', 'uptime', 'response-time'])
        changes.set(`badges/${id}/${badge}.svg`, `<svg><!-- ${id} ${badge} run ${run} --></svg>\n`);
    }
    changes.set('status.json', JSON.stringify({ version: 1, endpoints: ids.map((id) => ({ id })) }) + '\n');
    return changes;
  };
  await store.update(change(1));
  let seen = 0;
  const result = await store.update((files) => {
    seen = files.size;
    return change(2)(files);
  });
  console.log(JSON.stringify({ seen, files: result.files.size, commit: result.commit }));
} finally {
  rmSync(load.dir, { recursive: true, force: true });
}
