/**
 * The text of a KB answer as this group sees it: the override for the group's tags, with template
 * variables ({group.name}, {sender.name}, {bot.name}, {today}, {duty.contact}) filled in. Every
 * path that answers from the KB (direct, clarify choice, follow-up) goes through here.
 */
import { renderAnswer } from '../kb/answer';
import type { KbEntry } from '../kb/types';
import type { PipelineContext } from './types';

export function entryAnswer(ctx: PipelineContext, entry: KbEntry, now: Date = new Date()): string {
  return renderAnswer(entry, {
    groupTags: ctx.group?.tags,
    vars: {
      'group.name': ctx.group?.name,
      'sender.name': ctx.event.sender.name,
      'bot.name': ctx.bot?.name,
      // The duty rota comes with the hand-off issue; until then renderAnswer uses its fallback.
      'duty.contact': undefined,
    },
    now,
  });
}
