/**
 * What an entry answers, for one group at one moment:
 * - `isEntryActive`: the entry's effective window (`effective_from` / `effective_until`, whole days
 *   in Asia/Shanghai, both inclusive) contains now;
 * - `answerFor`: the answer for the group's tags (an override, or the entry's answer);
 * - `renderAnswer`: that answer with its template variables filled in, ready to send (markdown).
 * All pure: the clock and the variables come from the caller.
 */
import type { KbEntry, KbOverride } from './types';

/** Dates in the KB are days in this time zone (China has one zone, no daylight saving). */
export const KB_TIME_ZONE = 'Asia/Shanghai';

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: KB_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day `now` falls on in Asia/Shanghai, as YYYY-MM-DD (2026-12-31T16:30Z → 2027-01-01). */
export function shanghaiDate(now: Date): string {
  const parts = dayFormat.formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * True when the entry may be answered at `now`: on or after `effectiveFrom` and on or before
 * `effectiveUntil` (days in Asia/Shanghai, inclusive). An entry with neither is always active.
 * Dates were validated by the loader as YYYY-MM-DD, so comparing the strings compares the days.
 */
export function isEntryActive(entry: Pick<KbEntry, 'effectiveFrom' | 'effectiveUntil'>, now: Date): boolean {
  if (!entry.effectiveFrom && !entry.effectiveUntil) return true;
  const today = shanghaiDate(now);
  if (entry.effectiveFrom && today < entry.effectiveFrom) return false;
  if (entry.effectiveUntil && today > entry.effectiveUntil) return false;
  return true;
}

/** True when the group carries every tag of the override (same key, same value). */
export function overrideMatches(override: KbOverride, groupTags: Readonly<Record<string, string>> | undefined): boolean {
  if (!groupTags) return false;
  return Object.entries(override.tags).every(([k, v]) => groupTags[k] === v);
}

/**
 * The override that applies to a group, if any: among those whose tags the group carries, the
 * most specific (most tags) wins; among equally specific ones, the first listed. So an admin can
 * list `{region: 华东}` and `{region: 华东, storeType: 加盟}` in any order and the franchise
 * groups of 华东 get the second. A group without tags (or no group) never matches an override.
 */
export function selectOverride(entry: Pick<KbEntry, 'overrides'>, groupTags: Readonly<Record<string, string>> | undefined): KbOverride | undefined {
  let best: KbOverride | undefined;
  for (const o of entry.overrides ?? []) {
    if (overrideMatches(o, groupTags) && (!best || Object.keys(o.tags).length > Object.keys(best.tags).length)) best = o;
  }
  return best;
}

/** The answer text (not yet rendered) for a group with these tags: an override's, else the entry's. */
export function answerFor(entry: Pick<KbEntry, 'answer' | 'overrides'>, groupTags?: Readonly<Record<string, string>>): string {
  return selectOverride(entry, groupTags)?.answer ?? entry.answer;
}

/** Template variables an answer may use, with what they render to when the caller has no value. */
export const ANSWER_VARIABLES = {
  'group.name': '本群',
  'sender.name': '您',
  'bot.name': '群助',
  today: '',
  'duty.contact': '值班同事',
} as const satisfies Record<string, string>;

export type AnswerVariable = keyof typeof ANSWER_VARIABLES;

/** `{name}` as in message templates (src/pipeline/template.ts): an identifier, dots allowed. */
export const TEMPLATE_VARIABLE = /\{([A-Za-z_][A-Za-z0-9_.]*)\}/g;

export function isAnswerVariable(name: string): name is AnswerVariable {
  return Object.prototype.hasOwnProperty.call(ANSWER_VARIABLES, name);
}

export interface RenderContext {
  /** tags of the asking group (selects an override); undefined: no group context */
  groupTags?: Readonly<Record<string, string>>;
  /**
   * Values by variable name: `group.name`, `sender.name`, `bot.name`, `duty.contact`. Missing or
   * blank ones render their fallback (本群, 您, 群助, 值班同事). `today` is always computed from `now`.
   */
  vars: Readonly<Record<string, string | undefined>>;
  now: Date;
}

/**
 * A value from outside the KB (a display name, a rota entry) placed in a markdown message: one
 * line, and no characters that would open a link, an image, emphasis, code or a WeCom `<font>` /
 * `<@mention>` tag, so a sender called `[点我](http://…)` cannot make the bot post a link.
 * Replaced by their full-width look-alikes, which read the same to staff.
 */
export function markdownSafe(value: string): string {
  return value
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/[[\]<>*`\\]/g, (c) => FULL_WIDTH[c] ?? c);
}

const FULL_WIDTH: Readonly<Record<string, string>> = { '[': '［', ']': '］', '<': '＜', '>': '＞', '*': '＊', '`': '｀', '\\': '＼' };

/**
 * The final markdown to send for `entry` to a group: the answer for its tags (answerFor) with the
 * known variables filled in. Unknown `{names}` and anything else in braces stay as written
 * (`kb lint` reports unknown ones). Trimmed, like every reply.
 */
export function renderAnswer(entry: Pick<KbEntry, 'answer' | 'overrides'>, ctx: RenderContext): string {
  const text = answerFor(entry, ctx.groupTags);
  let today: string | undefined;
  return text
    .replace(TEMPLATE_VARIABLE, (whole, name: string) => {
      if (!isAnswerVariable(name)) return whole;
      if (name === 'today') return (today ??= shanghaiDate(ctx.now));
      const value = ctx.vars[name];
      const safe = value === undefined ? '' : markdownSafe(value);
      return safe || ANSWER_VARIABLES[name];
    })
    .trim();
}
