/** `qunzhu kb report` against a real Redis, with counts written by the service's own feedback store. */
import { PassThrough } from 'node:stream';
import { Redis } from 'ioredis';
import { kbReportCommand } from '../../src/cli/kb-report';
import { RedisFeedbackStore, type AnswerRecord } from '../../src/feedback/store';
import { deletePrefix, tempExampleConfig, uniquePrefix } from '../support/temp-config';

const prefix = uniquePrefix('kb-report');
let redis: Redis;

beforeAll(() => {
  redis = new Redis('redis://127.0.0.1:6379');
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

async function run(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; text: string }> {
  const out = new PassThrough();
  let text = '';
  out.on('data', (d: Buffer) => (text += d.toString()));
  const code = await kbReportCommand(argv, out, env);
  return { code, text };
}

describe('qunzhu kb report', () => {
  const location = tempExampleConfig(prefix);
  const answer = (eventId: string, entryId: string): AnswerRecord => ({ eventId, botId: 'bot', chatId: 'chatA', userId: 'alice', entryId, query: '收银机连不上网', via: 'kb', at: Date.now() });
  const vote = { source: 'chat' as const, eventId: 'x', botId: 'bot', chatId: 'chatA', groupName: '华东区加盟商服务群', sender: 'al***ce', text: '没用，还是连不上', at: Date.now() };

  beforeAll(async () => {
    const fb = new RedisFeedbackStore(redis, prefix);
    await fb.recordAnswer(answer('m1', 'pos-offline'), 3600);
    await fb.recordAnswer(answer('m2', 'pos-offline'), 3600);
    await fb.recordAnswer(answer('m3', 'delivery-bad-review'), 3600);
    await fb.recordAnswer(answer('m4', 'gone-entry'), 3600);
    await fb.rate(['m1'], 'alice', 'notHelpful', vote);
    await fb.rate(['m3'], 'bob', 'helpful', { ...vote, text: '👍' });
  });

  it('lists entries worst first, with their latest complaint, and those never answered', async () => {
    const { code, text } = await run(['--config', location.dir]);
    expect(code).toBe(0);
    expect(text).toMatch(/answers given: 3 by 2 entries; rated 👍 1 \/ 👎 1/);
    const lines = text.split('\n');
    const first = lines.findIndex((l) => l.startsWith('pos-offline'));
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(lines.findIndex((l) => l.startsWith('delivery-bad-review')));
    expect(lines[first]).toMatch(/pos-offline\s+2\s+0\s+1\s+100%/);
    expect(lines[first + 1]).toMatch(/👎 .*华东区加盟商服务群: 「收银机连不上网」 → 「没用，还是连不上」/);
    expect(text).toMatch(/never answered \(\d+\)/);
    expect(text).toMatch(/ids no longer in the KB .*gone-entry/);
  });

  it('--json gives the same report as data', async () => {
    const { code, text } = await run(['--config', location.dir, '--json', '--cases', '0']);
    expect(code).toBe(0);
    const report = JSON.parse(text) as { entries: Array<{ id: string; notHelpful: number; cases: unknown[] }>; unknownIds: string[]; neverAnswered: unknown[] };
    expect(report.entries.map((e) => e.id)).toEqual(['pos-offline', 'delivery-bad-review']);
    expect(report.entries[0]!.cases).toEqual([]);
    expect(report.unknownIds).toEqual(['gone-entry']);
    expect(report.neverAnswered.length).toBeGreaterThan(50);
  });

  it('says what to do when Redis cannot be reached', async () => {
    const { code, text } = await run(['--config', location.dir], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(code).toBe(1);
    expect(text).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1 .*start Redis or set REDIS_URL/);
  });

  it('rejects a bad --cases', async () => {
    expect((await run(['--config', location.dir, '--cases', 'x'])).code).toBe(2);
  });
});
