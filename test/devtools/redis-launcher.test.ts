import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { ensureRedis, redisAnswers, RedisUnavailableError } from '../../src/devtools/redis-launcher';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

describe('npm start without a Redis', () => {
  it('uses the Redis that answers', async () => {
    expect(await ensureRedis('redis://127.0.0.1:6379', pino({ level: 'silent' }))).toBeUndefined();
  });

  it('starts a private redis-server with AOF on, says so, and stops it', async () => {
    const port = await freePort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qz-private-'));
    const logs: string[] = [];
    const logger = pino({ level: 'info' }, { write: (s: string) => logs.push(s) });
    const handle = await ensureRedis(`redis://127.0.0.1:${port}`, logger, { dataDir: dir });
    expect(handle).toBeDefined();
    expect(await redisAnswers({ host: '127.0.0.1', port })).toBe(true);
    expect(logs.join('')).toContain('redis_private_started');
    await handle!.stop();
    expect(await redisAnswers({ host: '127.0.0.1', port })).toBe(false);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('appendonly'))).toBe(true);
  });

  it('names the ways to get one when redis-server is not installed', async () => {
    const port = await freePort();
    const attempt = ensureRedis(`redis://127.0.0.1:${port}`, pino({ level: 'silent' }), { redisServer: 'redis-server-not-here' });
    await expect(attempt).rejects.toThrow(RedisUnavailableError);
    await expect(attempt).rejects.toThrow(/not installed.*apt-get install redis-server.*REDIS_URL/s);
  });
});
