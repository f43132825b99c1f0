/**
 * A hot reload rebuilds the KB while the service keeps answering: buildAsync must give the event
 * loop turns during the build (counted, not timed) and produce the same KB as build.
 */
import { KnowledgeBase } from '../../src/kb/knowledge-base';
import type { KbEntry } from '../../src/kb/types';
import { exampleKb } from './example-kb';

describe('KnowledgeBase.buildAsync', () => {
  const entries: KbEntry[] = [...exampleKb().allEntries];
  const many: KbEntry[] = Array.from({ length: 2000 }, (_, i) => ({ id: `e${i}`, question: `第${i}号门店的${['收银机', '冰箱', '会员', '排班'][i % 4]}问题怎么处理`, similar: [`${i}号店${['收银', '制冰', '积分', '调班'][i % 4]}`], answer: 'x' }));

  it('lets other work run while it builds', async () => {
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    try {
      await KnowledgeBase.buildAsync([...entries, ...many]);
    } finally {
      clearInterval(ticker);
    }
    expect(turns).toBeGreaterThan(5);
  });

  it('gives the same answers as the synchronous build', async () => {
    const a = KnowledgeBase.build(entries);
    const b = await KnowledgeBase.buildAsync(entries);
    for (const q of ['收银机没网了咋办', '小票打不出来', '积分没到账', '今天天气怎么样']) expect(b.search(q)).toEqual(a.search(q));
    expect(b.calibration).toEqual(a.calibration);
  });
});
