import type { OutgoingMessage } from '../../src/channels/types';
import { planMessage } from '../../src/outbox/plan';

const msg = (extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  id: 'wecom:bot:m1#0',
  platform: 'wecom',
  botId: 'bot',
  chatId: 'wrk1',
  format: 'markdown',
  content: '先重启路由器。',
  mentions: ['zhangsan'],
  route: { responseUrl: 'http://127.0.0.1/cgi-bin/aibot/response?response_code=x', webhookUrl: 'http://127.0.0.1/cgi-bin/webhook/send?key=k' },
  ...extra,
});

describe('planMessage', () => {
  it('asks WeCom for feedback buttons on a KB answer sent through the response_url', () => {
    const [first] = planMessage(msg({ feedbackId: 'wecom:bot:m1#0' }), true);
    expect(first).toEqual({ via: 'response_url', body: { msgtype: 'markdown', markdown: { content: '<@zhangsan> 先重启路由器。', feedback: { id: 'wecom:bot:m1#0' } } } });
  });

  it('sends no feedback field without a feedback id, nor through a webhook (which has none)', () => {
    expect(JSON.stringify(planMessage(msg(), true))).not.toContain('feedback');
    expect(JSON.stringify(planMessage(msg({ feedbackId: 'x' }), false))).not.toContain('feedback');
  });
});
