/**
 * qunzhu command line: serve | config check | classify | classify fit-urgent | kb search | kb eval | kb fit | kb lint | kb report | chat.
 * Every command exits non-zero with a message that says what to do when something is wrong.
 */
import { parseArgs } from 'node:util';
import { ConfigError, resolveConfigLocation } from './config/load';
import { classifyCommand, urgentFitCommand } from './cli/classify';
import { kbEvalCommand, kbFitCommand, kbLintCommand, kbSearchCommand } from './cli/kb';
import { kbReportCommand } from './cli/kb-report';
import { chatCommand } from './cli/chat';
import { serveCommand } from './cli/serve';
import { loadSnapshot } from './runtime/snapshot';

const USAGE = `用法 / usage: qunzhu <command> [options]

  serve                          启动服务 (run the service; same as npm start)
  config check [path]            校验配置并打印摘要 (validate config and print a summary)
  kb search "问题" [--limit N]    查看知识库候选答案及分数 (ranked KB candidates with scores)
  kb eval --kb F.jsonl --queries F.tsv --out preds.jsonl
                                 评测任意知识库 (evaluate retrieval on any KB)
  kb lint [--kb F|DIR] [--json]  检查知识库：重复/易混淆问题、过期、变量、链接 (find problems in the KB files)
  kb report [--cases N] [--json] 各条目的回答次数、👍/👎、最近的差评、从未被问到的条目 (how each entry does, from Redis)
  classify --in FILE --out preds.jsonl   给消息分类，带 class 列时输出每类准确率/召回率 (classify messages)
  classify fit-urgent [--out F.json]     用标注消息重新拟合紧急消息模型 (refit the urgent model; npm run urgent:fit)
  chat [--group ID] [--user ID]  终端模拟群聊，走真实加密回调 (chat with the running service as a store employee)

Common options:
  --config <file|dir>            配置文件或目录 (default: $QUNZHU_CONFIG or ./config)
  -h, --help                     this help
`;

export function configCheckCommand(argv: string[], out: NodeJS.WritableStream = process.stdout): number {
  const { values, positionals } = parseArgs({ args: argv, options: { config: { type: 'string' } }, allowPositionals: true });
  const location = resolveConfigLocation(positionals[0] ?? values.config);
  const snap = loadSnapshot(location);
  const { config } = snap;
  const lines = [
    `✔ 配置有效 / config OK: ${location.file}`,
    `  bots (${config.bots.length}):`,
    ...config.bots.map((b) => `    - ${b.id}: ${b.platform} ${b.mode} "${b.name}"  callback path /callbacks/${b.platform}/${b.id}`),
    `  groups (${config.groups.length}):`,
    ...config.groups.map((g) => `    - ${g.name} [${g.id}] bot=${g.bot}${Object.keys(g.tags).length ? ' tags=' + Object.entries(g.tags).map(([k, v]) => `${k}:${v}`).join(',') : ''}`),
    `  knowledge base: ${snap.kb.size} entries from ${snap.files.length - 1} file(s); answer ≥ ${config.kb.answerThreshold}, clarify ≥ ${config.kb.clarifyThreshold}`,
    `  redis: ${config.redis.url.replace(/\/\/[^@/]*@/, '//***@')} (prefix ${config.redis.keyPrefix})`,
    `  http: ${config.server.host}:${config.server.port}${config.server.publicUrl ? ` public ${config.server.publicUrl}` : ''}`,
  ];
  out.write(lines.join('\n') + '\n');
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, sub, ...rest] = argv;
  if (!cmd || cmd === '-h' || cmd === '--help' || cmd === 'help') {
    process.stdout.write(USAGE);
    return cmd ? 0 : 1;
  }
  switch (cmd) {
    case 'serve':
      return serveCommand(argv.slice(1));
    case 'config':
      if (sub === 'check') return configCheckCommand(rest);
      break;
    case 'classify':
      if (sub === 'fit-urgent') return urgentFitCommand(rest);
      return classifyCommand(argv.slice(1));
    case 'kb':
      if (sub === 'search') return kbSearchCommand(rest);
      if (sub === 'eval') return kbEvalCommand(rest);
      if (sub === 'fit') return kbFitCommand(rest);
      if (sub === 'lint') return kbLintCommand(rest);
      if (sub === 'report') return kbReportCommand(rest);
      break;
    case 'chat':
      return chatCommand(argv.slice(1));
  }
  process.stderr.write(`未知命令 / unknown command: ${argv.join(' ')}\n\n${USAGE}`);
  return 2;
}

/** Runs the CLI as a process: maps the result (or a thrown error) to output and an exit code. */
export function runCli(argv: string[] = process.argv.slice(2)): void {
  main(argv).then(
    (code) => {
      // `serve` and `chat` return -1: they keep running until a signal or /quit.
      if (code !== -1) process.exitCode = code;
    },
    (err: unknown) => {
      if (err instanceof ConfigError) {
        process.stderr.write(`✘ 配置错误 / config error:\n${err.problems.map((p) => '  ' + p).join('\n')}\n`);
      } else {
        process.stderr.write(`✘ ${err instanceof Error ? err.message : String(err)}\n`);
      }
      process.exitCode = 1;
    },
  );
}

if (require.main === module) runCli();
