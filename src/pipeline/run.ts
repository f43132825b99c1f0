/** Runs the stages in order until one decides, and logs the decision with label, score and reason. */
import { maskId } from '../logging';
import { DEFAULT_STAGES } from './stages';
import type { Decision, PipelineContext, Stage } from './types';

export async function runPipeline(ctx: PipelineContext, stages: readonly Stage[] = DEFAULT_STAGES): Promise<Decision> {
  const started = performance.now();
  let decision: Decision | undefined;
  for (const stage of stages) {
    decision = await stage(ctx);
    if (decision) break;
  }
  decision ??= { label: 'ignored', score: 0, reason: 'no stage decided', replies: [] };
  ctx.log.info(
    {
      event: 'decision',
      eventId: ctx.event.id,
      chatId: ctx.event.chatId,
      sender: maskId(ctx.event.sender.id),
      label: decision.label,
      score: Number(decision.score.toFixed(4)),
      reason: decision.reason,
      kbEntryId: decision.kbEntryId,
      candidates: ctx.classification?.kb?.candidates.slice(0, 3).map((c) => ({ id: c.id, score: Number(c.score.toFixed(3)) })),
      replies: decision.replies.length,
      ms: Number((performance.now() - started).toFixed(2)),
    },
    'decision',
  );
  return decision;
}
