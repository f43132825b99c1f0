/**
 * Byte-aware splitting of long replies (WeCom limits are in UTF-8 bytes: text 2,048, markdown
 * 4,096). Cuts at the most natural boundary that fits: paragraph, line, sentence end, clause,
 * then — only for a run with no punctuation at all — between characters, never inside a
 * character or an emoji's surrogate pair.
 */

const BOUNDARIES: RegExp[] = [
  /\n\s*\n/g, // paragraphs
  /\n/g, // lines
  /[。！？!?；;…]+["'”’）)]*/g, // sentence ends (keep closing quotes with their sentence)
  /[，,、：:]/g, // clauses
  /\s+/g, // words (latin text)
];

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** Largest prefix of `s` made of whole graphemes (👍🏻 stays one piece) that fits in `maxBytes`. */
function hardCut(s: string, maxBytes: number): number {
  let used = 0;
  let i = 0;
  for (const { segment } of graphemes.segment(s)) {
    const b = bytes(segment);
    if (used + b > maxBytes) {
      // A single grapheme larger than the limit (long ZWJ sequence): fall back to code points.
      if (i === 0) {
        for (const ch of segment) {
          if (used + bytes(ch) > maxBytes) break;
          used += bytes(ch);
          i += ch.length;
        }
      }
      break;
    }
    used += b;
    i += segment.length;
  }
  return i;
}

/** End index (exclusive) of the best cut of `s` within `maxBytes`. */
function bestCut(s: string, maxBytes: number): number {
  const limit = hardCut(s, maxBytes);
  const window = s.slice(0, limit);
  for (const re of BOUNDARIES) {
    re.lastIndex = 0;
    let cut = -1;
    for (let m = re.exec(window); m; m = re.exec(window)) cut = m.index + m[0].length;
    // A cut in the first third would leave a tiny part followed by many; try a finer boundary.
    if (cut > limit / 3) return cut;
  }
  return limit;
}

export function splitMessage(content: string, maxBytes: number): string[] {
  if (maxBytes < 4) throw new Error('maxBytes must allow at least one character');
  const parts: string[] = [];
  let rest = content.trim();
  while (rest) {
    if (bytes(rest) <= maxBytes) {
      parts.push(rest);
      break;
    }
    const cut = Math.max(1, bestCut(rest, maxBytes));
    const part = rest.slice(0, cut).trim();
    if (part) parts.push(part);
    rest = rest.slice(cut).trim();
  }
  return parts;
}
