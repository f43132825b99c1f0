/**
 * `npm start` must work on a fresh machine: if nothing answers at REDIS_URL and it points at this
 * host, start a private redis-server as a child (data under ./data/redis, AOF on) and stop it on exit.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';

export interface RedisEndpoint {
  host: string;
  port: number;
}

export function parseRedisUrl(url: string): RedisEndpoint {
  const u = new URL(url);
  return { host: u.hostname || '127.0.0.1', port: Number(u.port || 6379) };
}

/** True if something at host:port answers a Redis PING with +PONG (or -NOAUTH: it is Redis). */
export function redisAnswers(ep: RedisEndpoint, timeoutMs = 800): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.createConnection({ host: ep.host, port: ep.port });
    const done = (v: boolean): void => {
      sock.destroy();
      resolve(v);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('error', () => done(false));
    sock.once('connect', () => sock.write('PING\r\n'));
    sock.once('data', (d) => done(/^(\+PONG|-NOAUTH|-ERR)/.test(d.toString())));
  });
}

function onPath(cmd: string): boolean {
  if (!/^[\w./-]+$/.test(cmd)) return false;
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export interface PrivateRedis {
  stop(): Promise<void>;
}

export class RedisUnavailableError extends Error {}

/**
 * Ensures a Redis answers at `url`. Returns a handle for a private child server if one was started,
 * undefined if an existing Redis answered, or throws RedisUnavailableError with what to do.
 */
export interface EnsureRedisOptions {
  /** Where the private server keeps its AOF (default ./data/redis). */
  dataDir?: string;
  /** The server binary (default redis-server, from PATH). */
  redisServer?: string;
}

export async function ensureRedis(url: string, logger: Logger, opts: EnsureRedisOptions = {}): Promise<PrivateRedis | undefined> {
  const dataDir = opts.dataDir ?? path.resolve('data', 'redis');
  const redisServer = opts.redisServer ?? 'redis-server';
  const ep = parseRedisUrl(url);
  if (await redisAnswers(ep)) return undefined;
  const how =
    'Ways to get one: install it (Debian/Ubuntu: `sudo apt-get install redis-server`; macOS: `brew install redis`), ' +
    'run `docker compose up -d redis` with the shipped docker-compose.yml, or set REDIS_URL to a reachable Redis.';
  if (!LOCAL_HOSTS.has(ep.host)) throw new RedisUnavailableError(`Redis at ${ep.host}:${ep.port} does not answer. ${how}`);
  if (!onPath(redisServer)) throw new RedisUnavailableError(`No Redis answers at ${ep.host}:${ep.port} and ${redisServer} is not installed. ${how}`);

  fs.mkdirSync(dataDir, { recursive: true });
  const child: ChildProcess = spawn(
    redisServer,
    ['--port', String(ep.port), '--bind', '127.0.0.1', '--dir', dataDir, '--appendonly', 'yes', '--save', '', '--daemonize', 'no', '--logfile', path.join(dataDir, 'redis.log')],
    { stdio: 'ignore' },
  );
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 5000;
  while (!(await redisAnswers(ep, 300))) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new RedisUnavailableError(`Started redis-server on port ${ep.port} but it did not answer; see ${path.join(dataDir, 'redis.log')}. ${how}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  logger.info({ event: 'redis_private_started', port: ep.port, dataDir }, `没有找到 Redis，已启动一个私有 redis-server（端口 ${ep.port}，数据在 ${dataDir}，AOF 开启），退出时会一并停止。`);
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
