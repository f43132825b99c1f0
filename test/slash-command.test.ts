import { isRulesRequest, parseSlashCommand } from '../src/pipeline/slash-command';
import { normalizeText } from '../src/kb/normalize';

describe('parseSlashCommand', () => {
  it.each([
    ['/规则', 'rules', ''],
    ['／群规', 'rules', ''],
    ['/rules', 'rules', ''],
    ['/状态', 'status', ''],
    ['/Status', 'status', ''],
    ['/帮助 外卖', 'help', '外卖'],
    ['/help', 'help', ''],
    ['/人工', 'handoff', ''],
    ['/查库存', 'unknown', ''],
    ['/急 店里着火了', 'unknown', '店里着火了'],
  ])('%s → %s', (text, command, args) => {
    expect(parseSlashCommand(text)).toMatchObject({ command, args });
  });

  it('is not a command without a leading slash, or when a long question follows a stray slash', () => {
    expect(parseSlashCommand('规则')).toBeUndefined();
    expect(parseSlashCommand('收银机/POS机坏了')).toBeUndefined();
    expect(parseSlashCommand('/积分规则是什么')).toBeUndefined();
  });
});

describe('isRulesRequest', () => {
  it.each(['群规', '规则', '看看群规', '群规发一下', '本群规则是什么', '本群有什么规矩', '群规呢'])('%s asks for the group rules', (text) => {
    expect(isRulesRequest(normalizeText(text))).toBe(true);
  });
  it.each(['积分规则是什么', '排班有什么规定', '会员等级规则', '退货有什么规定吗'])('%s is a KB question', (text) => {
    expect(isRulesRequest(normalizeText(text))).toBe(false);
  });
});
