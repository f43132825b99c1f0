import { entriesOnTopic, helpTopic, kbCategories } from '../src/pipeline/help-topic';
import { classify } from '../src/pipeline/classify';
import { DEFAULT_OPTS, exampleKb } from './kb/example-kb';

describe('帮助 + a subject', () => {
  const kb = exampleKb();
  const categories = kbCategories(kb);

  it('reads the subject after a help word, spaced or (for a KB category) joined', () => {
    expect(helpTopic('帮助 外卖', categories)).toBe('外卖');
    expect(helpTopic('/help 会员', categories)).toBe('会员');
    expect(helpTopic('菜单：报销', categories)).toBe('报销');
    expect(helpTopic('帮助外卖', categories)).toBe('外卖');
    expect(helpTopic('帮助', categories)).toBeUndefined();
    // joined words that are no category, and long questions, are not subjects
    expect(helpTopic('帮助一下同事', categories)).toBeUndefined();
    expect(helpTopic('帮助 收银机连不上网了该怎么办呢', categories)).toBeUndefined();
    expect(helpTopic('菜单上的新品怎么做', categories)).toBeUndefined();
  });

  it('lists the entries of a category first, then those whose questions name the subject', () => {
    const delivery = entriesOnTopic(kb, '外卖');
    expect(delivery.length).toBeGreaterThanOrEqual(3);
    expect(delivery.slice(0, 3).every((e) => e.category === '外卖')).toBe(true);
    // the synonym table applies: POS机 is 收银机
    expect(entriesOnTopic(kb, 'POS机').some((e) => /收银/u.test(e.question))).toBe(true);
    expect(entriesOnTopic(kb, '股票')).toEqual([]);
  });

  it('is a command for the classifier, not a question', () => {
    expect(classify('帮助 外卖', kb, DEFAULT_OPTS)).toMatchObject({ label: 'command', command: 'help' });
  });
});
