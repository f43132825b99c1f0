/**
 * CPU accounting for a timed window: this process (the load generator), the server child, Redis
 * (INFO cpu), and the whole machine (/proc/stat). On a 2-core box where Redis floats between the
 * cores, a figure only means something if we know who else was using the CPU, so the window also
 * reports "other": machine busy time not explained by the three of them (another build, a test
 * run…). Linux only; elsewhere the /proc figures come out as NaN.
 */
import fs from 'node:fs';
import type { Redis } from 'ioredis';

const TICKS_PER_SECOND = 100; // USER_HZ on every Linux we target

/** CPU seconds (user+system) of a process, from /proc/<pid>/stat. */
export function procCpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

/** Busy CPU seconds per core (everything but idle and iowait), from /proc/stat. */
function coreBusySeconds(): number[] {
  try {
    return fs
      .readFileSync('/proc/stat', 'utf8')
      .split('\n')
      .filter((l) => /^cpu\d+ /.test(l))
      .map((l) => {
        const [user, nice, system, , , irq, softirq, steal] = l.split(/\s+/).slice(1).map(Number);
        return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / TICKS_PER_SECOND;
      });
  } catch {
    return [];
  }
}

/** CPU seconds Redis has used so far (INFO cpu, main thread and children). */
async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const get = (k: string): number => Number(new RegExp(`\\b${k}:([\\d.]+)`).exec(info)?.[1] ?? NaN);
  return get('used_cpu_user') + get('used_cpu_sys');
}

/** Shares of one core (1 = a whole core) averaged over the window. */
export interface CpuShares {
  generator: number;
  server: number;
  redis: number;
  /** Busy time of the machine not accounted for by the three above. */
  other: number;
  /** Busy share of each core. */
  cores: number[];
}

export class CpuWindow {
  private constructor(
    private readonly serverPid: number,
    private readonly redis: Redis,
    private readonly t0: number,
    private readonly gen0: NodeJS.CpuUsage,
    private readonly server0: number,
    private readonly redis0: number,
    private readonly cores0: number[],
  ) {}

  static async start(serverPid: number, redis: Redis): Promise<CpuWindow> {
    const redis0 = await redisCpuSeconds(redis);
    return new CpuWindow(serverPid, redis, performance.now(), process.cpuUsage(), procCpuSeconds(serverPid), redis0, coreBusySeconds());
  }

  async stop(): Promise<CpuShares> {
    const wall = (performance.now() - this.t0) / 1000;
    const gen = process.cpuUsage(this.gen0);
    const cores = coreBusySeconds().map((b, i) => (b - (this.cores0[i] ?? NaN)) / wall);
    const generator = (gen.user + gen.system) / 1e6 / wall;
    const server = (procCpuSeconds(this.serverPid) - this.server0) / wall;
    const redis = ((await redisCpuSeconds(this.redis)) - this.redis0) / wall;
    const busy = cores.reduce((a, b) => a + b, 0);
    return { generator, server, redis, other: Math.max(0, busy - generator - server - redis), cores };
  }
}
