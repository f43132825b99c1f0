/**
 * Canonical forms for words staff use interchangeably. Applied to tokens after segmentation, on both
 * KB questions and queries, so the index only ever sees the canonical word.
 * Add a row when a real query misses because of wording; keep rows symmetric in meaning.
 */
const SYNONYM_GROUPS: ReadonlyArray<readonly [canonical: string, variants: readonly string[]]> = [
  // colloquial question words
  ['怎么', ['咋', '咋么', '怎样', '怎么样', '如何', '怎么弄', '怎么搞', '咋弄', '咋搞', '怎么操作', '怎么处理', '咋整', '怎么整']],
  ['怎么办', ['咋办', '怎么办呢', '如何是好', '怎么解决', '咋解决']],
  ['什么', ['啥', '啥子', '什么样']],
  ['为什么', ['为啥', '为何', '咋回事', '怎么回事', '什么原因', '啥原因']],
  ['多久', ['多长时间', '多少天', '几天']],
  ['哪里', ['哪儿', '哪', '在哪', '在哪里', '在哪儿', '什么地方', '啥地方']],
  ['不能', ['不可以', '无法', '没法', '没办法', '用不了', '不行']],
  ['没有', ['没', '木有', '没得']],
  ['可以', ['能', '能不能', '可不可以', '能否', '行不行']],
  ['手机', ['手机号', '手机号码']],
  // store domain
  ['收银机', ['pos', 'pos机', '收银台', '收款机', '收银电脑']],
  ['断网', ['没网', '掉线', '离线', '上不了网', '连不上网', '没有网络', '没网络', '网络断了', '断网了']],
  ['外卖', ['外送']],
  ['会员', ['vip']],
  ['员工', ['店员', '同事']],
];

const CANONICAL: ReadonlyMap<string, string> = new Map(
  SYNONYM_GROUPS.flatMap(([canonical, variants]) => variants.map((v) => [v, canonical] as const)),
);

/** Words jieba should keep whole so the table above can see them (it would split most of them). */
export const SYNONYM_WORDS: readonly string[] = SYNONYM_GROUPS.flatMap(([c, vs]) => [c, ...vs]);

export function canonicalWord(token: string): string {
  return CANONICAL.get(token) ?? token;
}

// Text-level rewriting is limited to variants of two or more characters: a single character such
// as 能 also occurs inside unrelated words (功能), which whole-token mapping above handles safely.
const TEXT_VARIANTS: ReadonlyArray<readonly [string, string]> = [...CANONICAL.entries()]
  .filter(([variant]) => [...variant].length >= 2)
  .sort(([a], [b]) => b.length - a.length);
const TEXT_VARIANT_PATTERN = new RegExp(TEXT_VARIANTS.map(([v]) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gu');
const TEXT_CANONICAL = new Map(TEXT_VARIANTS);

/**
 * Normalised text with multi-character synonym variants replaced by their canonical word, so the
 * character-bigram signal also sees 没网 and 连不上网 as the same thing.
 */
export function canonicalText(normalized: string): string {
  return normalized.replace(TEXT_VARIANT_PATTERN, (m) => TEXT_CANONICAL.get(m) ?? m);
}
