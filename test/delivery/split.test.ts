import { splitMessage } from '../../src/outbox/split';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

describe('splitMessage', () => {
  it('keeps short text whole', () => {
    expect(splitMessage('收银机重启一下就好了。', 2048)).toEqual(['收银机重启一下就好了。']);
  });

  it('cuts at paragraph, then sentence boundaries, within the byte limit', () => {
    const para = '第一段：请先检查路由器指示灯。然后重启收银机。';
    const text = `${para}\n\n${para}\n\n${para}`;
    const parts = splitMessage(text, bytes(para) + 10);
    expect(parts).toEqual([para, para, para]);
    const sentences = splitMessage('第一句话比较长一些。第二句话也比较长。第三句话同样很长。', 40);
    for (const p of sentences) {
      expect(bytes(p)).toBeLessThanOrEqual(40);
      expect(p).toMatch(/。$/);
    }
  });

  it.each([2048, 4096, 100, 7])('never exceeds %i bytes and never breaks a character or emoji', (max) => {
    const text = '门店🍵奶茶👍🏻'.repeat(300) + 'abc😀'.repeat(50);
    const parts = splitMessage(text, max);
    for (const p of parts) {
      expect(bytes(p)).toBeLessThanOrEqual(max);
      expect(p.length).toBeGreaterThan(0);
      expect(p).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/); // no lone surrogates
      expect(p).not.toContain('\uFFFD');
    }
    expect(parts.join('')).toBe(text);
    if (max >= 8) for (const p of parts) expect(p.startsWith('\u{1F3FB}')).toBe(false); // skin tone stays with its emoji
  });

  it('loses nothing but whitespace at the cuts', () => {
    const text = Array.from({ length: 200 }, (_, i) => `第${i}条：退款需在三个工作日内处理完毕，请门店留存小票。`).join('\n');
    const parts = splitMessage(text, 2048);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });

  it('cuts exactly at the limit when a boundary lands there', () => {
    const a = '好'.repeat(10); // 30 bytes
    expect(splitMessage(`${a}。${a}。`, 33)).toEqual([`${a}。`, `${a}。`]);
  });
});
