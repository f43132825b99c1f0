/** `qunzhu serve` / `npm start`: run the service and say in plain words what is running. */
import { parseArgs } from 'node:util';
import { resolveConfigLocation } from '../config/load';
import { ensureRedis, type PrivateRedis } from '../devtools/redis-launcher';
import { createLogger } from '../logging';
import { loadSnapshot } from '../runtime/snapshot';
import { startService, type RunningService } from '../service';

function banner(svc: RunningService, redisNote: string): string {
  const { config, kb, location, files } = svc.store.get();
  const listen = svc.url ?? `http://${config.server.host}:${config.server.port}`;
  const local = listen.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1');
  const publicBase = config.server.publicUrl?.replace(/\/$/, '') ?? 'https://<你的公网域名 your-public-host>';
  const bots = config.bots.map((b) => {
    const groups = config.groups.filter((g) => g.bot === b.id);
    return [
      `  • ${b.name} (${b.id}) — 企业微信${b.mode === 'aibot' ? '智能机器人' : '群机器人回调'}, ${groups.length} 个群`,
      `      回调 URL（粘贴到企业微信管理后台「接收消息」）/ callback URL for the WeCom admin console:`,
      `        ${publicBase}/callbacks/wecom/${b.id}`,
      `      Token / EncodingAESKey: 与配置中 bots[].token / encodingAESKey 一致 (must match the console)`,
    ].join('\n');
  });
  return [
    '',
    '群助 qunzhu 已启动 / is running',
    `  HTTP      ${listen}   (健康检查 ${local}/healthz, 就绪 ${local}/readyz)`,
    `  配置 config ${location.file} — ${config.bots.length} 个机器人, ${config.groups.length} 个群, 知识库 ${kb.size} 条 (${files.length - 1} 个文件)；修改后自动生效 (hot reload)`,
    `  Redis     ${redisNote}`,
    '  机器人 bots:',
    ...bots,
    config.server.publicUrl ? '' : '  提示：设置 server.publicUrl 后这里会显示完整回调地址 (set server.publicUrl to print the full callback URL)',
    '  本地试用 try it locally (另开一个终端 in another terminal):  npx qunzhu chat',
    '  停止 stop: Ctrl+C',
    '',
  ].join('\n');
}

export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string' } }, allowPositionals: false });
  const logger = createLogger();
  const location = resolveConfigLocation(values.config);
  const { config } = loadSnapshot(location); // fail fast, before touching Redis, on a broken config

  const privateRedis: PrivateRedis | undefined = await ensureRedis(config.redis.url, logger);
  const svc = await startService({ location, logger });
  const redisNote = privateRedis ? `${config.redis.url}（私有子进程 private child, data/redis, AOF on）` : config.redis.url;
  process.stdout.write(banner(svc, redisNote) + '\n');

  let signals = 0;
  const shutdown = (sig: string): void => {
    signals += 1;
    if (signals > 1) {
      logger.warn({ event: 'shutdown_forced', signal: sig }, '再次收到信号，强制退出 (second signal: forcing exit)');
      process.exit(1);
    }
    logger.info({ event: 'shutdown', signal: sig }, '正在停止：不再接收回调，等待进行中的任务完成 (draining)');
    svc
      .close()
      .then(() => privateRedis?.stop())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ event: 'shutdown_error', error: String(err) }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  return -1;
}
