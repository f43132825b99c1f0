import { DEFAULT_FAILURE_PHRASES, DEFAULT_HANDOFF_PHRASES, matchPhrase, matchSuccess } from '../../src/pipeline/phrases';

describe('failure phrases', () => {
  it.each([
    ['没用', ''],
    ['没用！', ''],
    ['没用啊', ''],
    ['不对', ''],
    ['不对吧', ''],
    ['不是这个', ''],
    ['答非所问', ''],
    ['完全答非所问，我问的是积分', '我问的是积分'],
    ['还是不行', ''],
    ['试了，还是不行', ''],
    ['还是不行，重启了也连不上', '重启了也连不上'],
    ['没用啊还是连不上', '还是连不上'],
    ['这个没用', ''],
    ['好像不对', ''],
    ['没解决', ''],
    ['不行了', ''],
    ['都不是', ''],
  ])('%s is a failure (detail %p)', (text, detail) => {
    expect(matchPhrase(text, DEFAULT_FAILURE_PHRASES)).toMatchObject({ detail });
  });

  it.each(['对不对', '收银机连不上网怎么办', '有用', '解决了', '不对称', '不是很清楚积分规则', '没用过这个功能怎么开', '会员卡不对劲'])('%s is not', (text) => {
    expect(matchPhrase(text, DEFAULT_FAILURE_PHRASES)).toBeUndefined();
  });
});

describe('hand-off phrases', () => {
  it.each(['转人工', '人工', '人工！', '找人工', '我要人工', '人工客服', '帮我转人工', '麻烦转人工吧', '能不能转人工', '有人工吗', '找真人', '转人工，机器人说不清楚'])('%s asks for a person', (text) => {
    expect(matchPhrase(text, DEFAULT_HANDOFF_PHRASES)).toBeDefined();
  });

  it.each(['人工费怎么算', '客服电话是多少', '找人修空调', '人工智能', '新员工入职培训怎么安排'])('%s does not', (text) => {
    expect(matchPhrase(text, DEFAULT_HANDOFF_PHRASES)).toBeUndefined();
  });

  it('works on admin lists too', () => {
    expect(matchPhrase('摇人', ['摇人'])).toEqual({ phrase: '摇人', detail: '' });
    expect(matchPhrase('转人工', ['摇人'])).toBeUndefined();
  });
});

describe('success phrases', () => {
  it.each(['解决了', '解决了，谢谢', '谢谢，可以了', '好了', '搞定了！', '可以了谢谢', '有用', '能用了'])('%s means it helped', (text) => {
    expect(matchSuccess(text)).toBeDefined();
  });

  it.each(['好', '好的', '谢谢', '收到', '可以吗', '解决了吗', '好了吗', '还是不行', '怎么解决'])('%s does not', (text) => {
    expect(matchSuccess(text)).toBeUndefined();
  });
});
