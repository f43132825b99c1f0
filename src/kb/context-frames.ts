/**
 * The words around a question when staff type it in a group: who is asking, why, and what they
 * want done ("您好，我是新来的，{question}，怎么处理比较好？"). Written for qunzhu, not taken from
 * any evaluation set. Self-calibration (knowledge-base.ts) puts its probes inside these frames as
 * well as bare, so that a KB learns that a question wrapped in context is still the same question,
 * and an unrelated request wrapped the same way is still unrelated: without them every confidence
 * is fitted on short, clean, admin-written questions and long real messages look doubtful.
 */
const OPENINGS: readonly string[] = [
  '您好，', '请问一下，', '麻烦问下，', '我是新来的，', '打扰一下，', '总部老师好，', '有个问题想问，', '店长让我问一下，',
  '顾客在问，', '同事问我', '想确认一下，', '我们是加盟店，', '今天遇到个事，', '',
];
const CLOSINGS: readonly string[] = [
  '，怎么处理比较好？', '，急', '，谢谢', '，这个要找谁？', '，在哪里操作？', '，之前没遇到过', '，大家都是怎么弄的？',
  '，麻烦回复一下', '，顾客还在等', '，有人知道吗', '？', '，以前都是打电话问的', '，我们店第一次碰到', '',
];

/** The question inside the i-th frame (deterministic, so a build is reproducible). */
export function framed(question: string, i: number): string {
  const open = OPENINGS[i % OPENINGS.length]!;
  const close = CLOSINGS[(i * 5 + 3) % CLOSINGS.length]!;
  return `${open}${question.replace(/[？?。！!]+$/u, '')}${close}`;
}
