/**
 * Shards: one endpoint list spread over the jobs of a `matrix`, each checking its part. Which
 * shard an endpoint belongs to depends on its id alone, so adding or removing an endpoint never
 * moves another one to a different shard (its history and incident stay with one job).
 */
import { createHash } from 'node:crypto';
import { Invalid } from './schema.js';
import type { Shard } from './types.js';

export const MAX_SHARDS = 256;

/** `2/5` → the second of five shards; '' → null (every endpoint). */
export function parseShard(value: unknown): Shard | null {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') return null;
  const match = /^(\d+)\s*\/\s*(\d+)$/.exec(text);
  if (!match) throw new Invalid(`${JSON.stringify(text)} is not a shard; write it as INDEX/COUNT, such as 2/5`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > MAX_SHARDS) throw new Invalid(`${count} shards is outside the allowed range 1-${MAX_SHARDS}`);
  if (index < 1 || index > count)
    throw new Invalid(`shard ${index} of ${count} does not exist; shards are numbered 1 to ${count}`);
  return { index, count };
}

/** The shard (0-based) an id belongs to among `count`. SHA-1 rather than a hand-written hash: it
 * spreads similar ids (`api-1`, `api-2`) evenly and is the same on every platform and version. */
export function shardOf(id: string, count: number): number {
  return createHash('sha1').update(id, 'utf8').digest().readUInt32BE(0) % count;
}

/** The endpoints of one shard, in configuration order; every endpoint when `shard` is null.
 * Together the shards of a count hold each endpoint exactly once. A shard may be empty when
 * there are few endpoints. */
export function selectShard<T extends { id: string }>(endpoints: readonly T[], shard: Shard | null): T[] {
  if (shard === null) return [...endpoints];
  return endpoints.filter((endpoint) => shardOf(endpoint.id, shard.count) === shard.index - 1);
}
