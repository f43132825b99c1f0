import { classifySchema } from '../src/config/schema';
import { classify } from '../src/pipeline/classify';
import { BUILTIN_RULES, compileClassifierRules } from '../src/pipeline/rules';
import { DEFAULT_OPTS, exampleKb } from './kb/example-kb';

describe('classifier rules from the config (classify.urgent / notUrgent / offTopic)', () => {
  const kb = exampleKb();
  const rules = compileClassifierRules(
    classifySchema.parse({
      urgent: [
        { topic: '冷库故障', severity: 'high', words: ['冷库不制冷', 'ＰＯＳ機全黑'] },
        { topic: '食材被盗', severity: 'critical', pattern: '原料.{0,4}(?:不见了|丢了)' },
      ],
      offTopic: [{ topic: '竞品', words: ['一点点'] }],
    }),
  );

  it('an admin urgent word makes a message urgent, with the admin topic and severity', () => {
    const c = classify('冷库不制冷了 里面全是原料', kb, DEFAULT_OPTS, rules);
    expect(c.label).toBe('urgent');
    expect(c.reason).toMatch(/high: 冷库故障/);
    // The built-in rules alone do not know this failure (the learned model is set aside here).
    expect(classify('冷库不制冷了 里面全是原料', kb, DEFAULT_OPTS, { ...BUILTIN_RULES, urgentModel: undefined }).label).not.toBe('urgent');
  });

  it('classify.urgentModel: false leaves urgency to the rules; the threshold is the admin\'s', () => {
    const text = '阿姨突然口齿不清 半边身子也没力气了';
    const noRule = { ...BUILTIN_RULES, urgent: [] };
    expect(classify(text, kb, DEFAULT_OPTS, noRule).reason).toMatch(/model/);
    const off = compileClassifierRules(classifySchema.parse({ urgentModel: false }));
    expect(off.urgentModel).toBeUndefined();
    expect(classify(text, kb, DEFAULT_OPTS, { ...off, urgent: [] }).label).not.toBe('urgent');
    expect(compileClassifierRules(classifySchema.parse({ urgentModelThreshold: 0.99 })).urgentModel?.threshold).toBe(0.99);
    expect(() => classifySchema.parse({ urgentModelThreshold: 1.5 })).toThrow();
  });

  it('words are normalised like messages (全角, 繁体, case), patterns run on normalised text', () => {
    expect(classify('pos机全黑', kb, DEFAULT_OPTS, rules).reason).toMatch(/冷库故障/);
    expect(classify('仓库的原料昨晚丢了', kb, DEFAULT_OPTS, rules).reason).toMatch(/critical: 食材被盗/);
  });

  it('built-in rules still apply next to the admin ones', () => {
    expect(classify('店里着火了', kb, DEFAULT_OPTS, rules).label).toBe('urgent');
  });

  it('a notUrgent word turns an alarming message into a normal hand-off', () => {
    expect(classify('电路改造那天店里停电', kb, DEFAULT_OPTS, BUILTIN_RULES).label).toBe('urgent');
    expect(classify('电路改造那天店里停电', kb, DEFAULT_OPTS, compileClassifierRules(classifySchema.parse({ notUrgent: ['电路改造'] }))).label).not.toBe('urgent');
  });

  it('an admin off-topic word gets the scope reply rather than a guess', () => {
    const c = classify('一点点的奶茶好喝吗', kb, DEFAULT_OPTS, rules);
    expect(c.label).toBe('offtopic');
    expect(c.reason).toMatch(/竞品/);
  });

  it('no classify section means the built-in rules, untouched', () => {
    expect(compileClassifierRules(classifySchema.parse({}))).toBe(BUILTIN_RULES);
  });
});
