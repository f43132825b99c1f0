/**
 * `npm run bench:ingest`: callback ingest throughput and latency, three servers in one run.
 *
 * Servers run in child processes pinned to core 0; this process (the load generator and the fake
 * WeCom send API) pins itself to core 1. Redis shares the machine with both: figures are only
 * comparable within one run, which is why every run measures its own baselines.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { parseDocument } from 'yaml';
import { FakeWecomApi } from '../devtools/wecom-fake-api';
import type { Redis } from 'ioredis';
import { createRedis, deleteByPrefix } from '../queue/redis';
import { BENCH_BOT, prepareCallbacks, type PreparedRequest } from './callbacks';

type LoadResult = Awaited<ReturnType<typeof autocannon>>;

const SERVER_CORE = '0';
const GENERATOR_CORE = '1';

interface RunFigures {
  rps: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  generatorCpu: number;
  serverCpu: number;
  redisCpu: number;
}

/** CPU seconds Redis has used so far (INFO cpu), to see whether Redis is the bottleneck. */
async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const get = (k: string): number => Number(info.match(new RegExp(`${k}:([\\d.]+)`))?.[1] ?? NaN);
  return get('used_cpu_user') + get('used_cpu_sys');
}

function hasTaskset(): boolean {
  return spawnSync('sh', ['-c', 'command -v taskset'], { stdio: 'ignore' }).status === 0;
}

/** CPU seconds (user+system) of a process, from /proc. */
function procCpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

function benchConfig(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qz-bench-'));
  const example = path.resolve(__dirname, '../../config');
  fs.cpSync(path.join(example, 'kb'), path.join(dir, 'kb'), { recursive: true });
  const cfg = parseDocument(fs.readFileSync(path.join(example, 'qunzhu.yaml'), 'utf8')).toJS() as Record<string, unknown>;
  cfg.server = { host: '127.0.0.1', port: 0 };
  cfg.redis = { url: 'redis://127.0.0.1:6379', keyPrefix: prefix };
  cfg.bots = [{ id: BENCH_BOT.id, platform: 'wecom', name: BENCH_BOT.name, token: BENCH_BOT.token, encodingAESKey: BENCH_BOT.aesKey }];
  cfg.groups = [];
  fs.writeFileSync(path.join(dir, 'qunzhu.yaml'), JSON.stringify(cfg, null, 2));
  return dir;
}

async function startServer(kind: string, dir: string, prefix: string, pin: boolean): Promise<{ child: ChildProcess; url: string }> {
  const script = path.join(__dirname, 'server.js');
  const [cmd, args] = pin ? ['taskset', ['-c', SERVER_CORE, process.execPath, script, kind, dir]] : [process.execPath, [script, kind, dir]];
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_PREFIX: prefix, LOG_LEVEL: 'warn' } });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/READY (\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return { child, url };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

class Pool {
  private cursor = 0;
  wrapped = false;
  constructor(readonly items: PreparedRequest[]) {}
  next(): PreparedRequest {
    if (this.cursor >= this.items.length) {
      this.cursor = 0;
      this.wrapped = true;
    }
    return this.items[this.cursor++]!;
  }
}

async function load(url: string, pool: Pool, opts: { seconds: number; connections: number; rate?: number; onSend?: (r: PreparedRequest) => void }): Promise<LoadResult> {
  return autocannon({
    url,
    connections: opts.connections,
    duration: opts.seconds,
    ...(opts.rate ? { overallRate: opts.rate } : {}),
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const r = pool.next();
          opts.onSend?.(r);
          return { ...req, method: 'POST', path: r.path, body: r.body, headers: { 'content-type': 'application/json' } };
        },
      },
    ],
  });
}

async function measure(kind: string, dir: string, prefix: string, pool: Pool, pin: boolean, seconds: number, connections: number, redis: Redis): Promise<RunFigures> {
  const { child, url } = await startServer(kind, dir, prefix, pin);
  try {
    await load(url, pool, { seconds: 2, connections }); // warm-up: JIT, connections, Redis scripts
    const cpu0 = process.cpuUsage();
    const srv0 = procCpuSeconds(child.pid!);
    const redis0 = await redisCpuSeconds(redis);
    const t0 = performance.now();
    const r = await load(url, pool, { seconds, connections });
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    return {
      rps: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      max: r.latency.max,
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
      generatorCpu: (cpu.user + cpu.system) / 1e6 / wall,
      serverCpu: (procCpuSeconds(child.pid!) - srv0) / wall,
      redisCpu: ((await redisCpuSeconds(redis)) - redis0) / wall,
    };
  } finally {
    await stopServer(child);
  }
}

/**
 * Fires requests on a fixed schedule (rate per second) without waiting for answers, recording
 * the moment each one is actually sent. (autocannon prepares a request before its rate limiter
 * releases it, which would add the pacing wait to a latency measured from preparation.)
 */
async function pacedSend(url: string, pool: Pool, rate: number, seconds: number, onSend: (r: PreparedRequest) => void): Promise<number> {
  const interval = 1000 / rate;
  const total = Math.round(rate * seconds);
  const start = performance.now();
  const inflight: Array<Promise<unknown>> = [];
  let failed = 0;
  for (let i = 0; i < total; i++) {
    const wait = start + i * interval - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const r = pool.next();
    onSend(r);
    inflight.push(
      fetch(url + r.path, { method: 'POST', body: r.body, headers: { 'content-type': 'application/json' } }).then(
        (res) => res.arrayBuffer().then(() => (res.status === 200 ? 0 : failed++)),
        () => failed++,
      ),
    );
  }
  await Promise.all(inflight);
  return failed;
}

function pct(values: number[], p: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '50' },
      'skip-e2e': { type: 'boolean', default: false },
      'e2e-only': { type: 'boolean', default: false },
      'e2e-rate': { type: 'string', default: '200' },
    },
  });
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const pin = hasTaskset() && os.cpus().length >= 2;
  if (pin && process.env.QZ_BENCH_PINNED !== '1') {
    // Re-run this process pinned to the generator core.
    const r = spawnSync('taskset', ['-c', GENERATOR_CORE, process.execPath, __filename, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, QZ_BENCH_PINNED: '1' } });
    process.exit(r.status ?? 1);
  }

  const prefix = `qzbench-${process.pid}`;
  const dir = benchConfig(prefix);
  // The end-to-end run gets its own prefix: it must not inherit the throughput runs' backlog.
  const e2eDir = benchConfig(`${prefix}e`);
  const api = await FakeWecomApi.start({ webhookLimit: 1e9 });
  const redis = createRedis('redis://127.0.0.1:6379', 'worker');
  const out = (s: string): boolean => process.stdout.write(s + '\n');

  out(`qunzhu ingest benchmark — ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), node ${process.version}, ${new Date().toISOString()}`);
  out(pin ? `servers pinned to core ${SERVER_CORE}, load generator to core ${GENERATOR_CORE}; Redis shares the machine` : 'taskset unavailable or 1 core: processes are NOT pinned');
  out(`load: ${connections} keep-alive connections, ${seconds} s per server after a 2 s warm-up, every request a unique signed+encrypted AI-bot callback`);
  out('figures are noisy on shared machines: compare within one run only\n');

  // Unique callbacks for every run of the real path (a repeated msgid would take the cheaper
  // duplicate branch); bare and naive never look at the msgid, so they may cycle through theirs.
  const t0 = performance.now();
  const pools = {
    bare: new Pool(prepareCallbacks(20_000, api.url, `b${process.pid}`)),
    naive: new Pool(prepareCallbacks(20_000, api.url, `n${process.pid}`)),
    real: new Pool(prepareCallbacks((seconds + 2) * 12_000, api.url, `r${process.pid}`)),
    steady: new Pool(prepareCallbacks((seconds + 2) * 1100, api.url, `s${process.pid}`)),
    e2e: new Pool(prepareCallbacks(Math.ceil((seconds + 2) * Number(values['e2e-rate']) * 1.1) + 100, api.url, `e${process.pid}`)),
  };
  const prepared = Object.values(pools).reduce((n, p) => n + p.items.length, 0);
  out(`prepared ${prepared} callbacks in ${((performance.now() - t0) / 1000).toFixed(1)} s (before any timed window)`);

  const e2eRate = Number(values['e2e-rate']);
  const results: Record<string, RunFigures> = {};
  let steady: { rps: number; p50: number; p99: number; max: number; non2xx: number } | undefined;
  if (!values['e2e-only']) {
    for (const kind of ['bare', 'naive', 'real'] as const) {
      results[kind] = await measure(kind, dir, prefix, pools[kind], pin, seconds, connections, redis);
      const f = results[kind]!;
      out(
        `${kind.padEnd(6)} ${f.rps.toFixed(0).padStart(7)} req/s   ack p50 ${f.p50.toFixed(1)} ms  p99 ${f.p99.toFixed(1)} ms   non-2xx ${f.non2xx}  errors ${f.errors}   cpu: server ${(f.serverCpu * 100).toFixed(0)}%  redis ${(f.redisCpu * 100).toFixed(0)}%  generator ${(f.generatorCpu * 100).toFixed(0)}%`,
      );
      if (f.generatorCpu >= 0.9) out(`  ⚠ the load generator was saturated (${(f.generatorCpu * 100).toFixed(0)}% of a core): ${kind}'s figure is a lower bound`);
    }
    out(`\nreal/naive ${(results.real!.rps / results.naive!.rps).toFixed(2)} (target ≥ 0.90)   real/bare ${(results.real!.rps / results.bare!.rps).toFixed(2)}`);

    // Ack latency at a steady 1,000 requests/s on the real path.
    const { child, url } = await startServer('real', dir, prefix, pin);
    try {
      await load(url, pools.steady, { seconds: 2, connections: 20, rate: 1000 });
      const r = await load(url, pools.steady, { seconds, connections: 20, rate: 1000 });
      steady = { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, non2xx: r.non2xx };
    } finally {
      await stopServer(child);
    }
    out(`steady 1000 req/s on the real path: ${steady.rps.toFixed(0)} req/s achieved, ack p50 ${steady.p50.toFixed(1)} ms  p99 ${steady.p99.toFixed(1)} ms  max ${steady.max.toFixed(1)} ms (target p99 < 20 ms)`);
  }

  let e2e: { rate: number; sent: number; replied: number; p50: number; p99: number } | undefined;
  if (!values['skip-e2e']) {
    const { child, url } = await startServer('e2e', e2eDir, `${prefix}e`, pin);
    try {
      await pacedSend(url, pools.e2e, e2eRate, 2, () => undefined); // warm-up: JIT, connections, KB caches
      await new Promise((r) => setTimeout(r, 1000));
      const sentAt = new Map<string, number>();
      const before = api.messages.length;
      const failed = await pacedSend(url, pools.e2e, e2eRate, seconds, (r) => sentAt.set(r.code, Date.now()));
      if (failed) out(`  ⚠ ${failed} end-to-end callbacks were not acknowledged with 200`);
      const deadline = Date.now() + 15_000;
      while (api.messages.length - before < sentAt.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const lat = api.messages.slice(before).flatMap((m) => (sentAt.has(m.key) ? [m.at - sentAt.get(m.key)!] : []));
      e2e = { rate: e2eRate, sent: sentAt.size, replied: lat.length, p50: pct(lat, 50), p99: pct(lat, 99) };
      out(`end-to-end at ${e2eRate} msg/s (callback in → reply at the fake WeCom API, workers on): ${e2e.replied}/${e2e.sent} replied, p50 ${e2e.p50} ms  p99 ${e2e.p99} ms`);
    } finally {
      await stopServer(child);
    }
  }
  for (const k of ['real', 'steady', 'e2e'] as const)
    if (pools[k].wrapped) out(`note: the ${k} callback pool wrapped around, so some late requests were duplicates (cheaper for the real path)`);

  const ratios = results.real ? { realNaive: results.real.rps / results.naive!.rps, realBare: results.real.rps / results.bare!.rps } : undefined;
  out('\n' + JSON.stringify({ bench: 'ingest', seconds, connections, pinned: pin, ...results, ratios, steady1000: steady, e2e }));

  for (const p of [prefix, `${prefix}e`]) await deleteByPrefix(redis, p);
  await redis.quit();
  await api.close();
  for (const d of [dir, e2eDir]) fs.rmSync(d, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
