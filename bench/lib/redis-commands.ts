/**
 * How many commands a Redis server has processed since it started, from its `INFO stats`: after
 * the Redis row, fewer commands than the row's requests would mean the BFF let them through
 * unchecked (its store failing open) and the row measured no Redis at all.
 *
 * @example
 *   if ((await commandsProcessed(redis.url)) < row.completed) throw new Error('Redis was not used');
 */
import { Redis } from 'ioredis';

export async function commandsProcessed(url: string): Promise<number> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    const stats = await client.info('stats');
    return Number(/^total_commands_processed:(\d+)/m.exec(stats)?.[1]);
  } finally {
    client.disconnect();
  }
}
