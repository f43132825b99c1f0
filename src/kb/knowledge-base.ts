/**
 * The searchable knowledge base. Every entry's standard question and each similar question (相似问)
 * is a document of its own; an entry scores as its best-matching document.
 *   1. retrieval: BM25 over words and character bigrams, through precomputed postings, keeps the
 *      RERANK_DEPTH most promising documents;
 *   2. ranking: each is scored by the fitted ranker over pair features (features.ts);
 *   3. calibration: the best entry's score and its margin over the nearest rival become the
 *      probability that answering with it is right (model.ts); the decision bands apply to that.
 */
import { normalizeText } from './normalize';
import { ASK_KIND_NAMES, suppliedKinds, unansweredAsks, type AskKind } from './answer-type';
import { KbWordLearner, singleCharacterRuns, TextAnalyzer, type AnalyzedText } from './analyzer';
import { decideOnCandidates } from './decide';
import { compactChars, FEATURE_COUNT, FEATURE_NAMES, pairFeatures, prepareQuery, secondLookScore, secondLookWeightsOf, type Indexes, type PreparedDoc, type PreparedQuery } from './features';
import { isEntryActive, shanghaiDate } from './answer';
import { ANSWER_WEIGHT_GRID, answerMatchText, DEFAULT_ANSWER_WEIGHT, fieldRanking, fusedScore, fusedTop } from './answer-field';
import { BACKGROUND_QUERIES, STORE_BACKGROUND_QUERIES } from './background';
import { framed } from './context-frames';
import { askContent, firstTimeAgainstRenewal, negatedStates, otherDocuments, otherMachines, otherStoreType, unmentionedDelivery, unmentionedIncident, unmentionedMistake, unmentionedProcedures } from './near-miss';
import { cosine } from './embeddings';
import { fitLogistic } from './logistic';
import { calibratorInputs, CALIBRATOR_INPUTS, CALIBRATOR_SIGNS, MatchModel } from './model';
import { SynonymTable, type SynonymGroup } from './synonyms';
import { TermIndex } from './term-index';
import { addWords, cutPrecise } from './tokenize';
import type { DecideOptions, KbCandidate, KbDecision, KbEntry, SearchOptions } from './types';

/** How many documents survive retrieval to be ranked by the full model; generous so ranking can reorder. */
const RERANK_DEPTH = 32;
/**
 * How many documents retrieval gathers before a cheap second look (character coverage and
 * length, at the ranker's own weights for them) picks which of those past the first
 * KEPT_BY_RETRIEVAL join the ranked list. A paraphrase that shares few words but most characters
 * with the query sits deep in a word/bigram BM25 list: on faq-afqmc, retrieval's top 32 holds the
 * gold entry for only half the queries.
 */
const RETRIEVAL_DEPTH = 128;
/** Retrieval's own best, ranked whatever the second look says (it sees only characters). */
const KEPT_BY_RETRIEVAL = 24;
/**
 * A sure answer whose ask has at least this many characters the entry never says (near-miss.ts)
 * is offered in a clarify list instead, unless its confidence is at least the second constant. On
 * the studied store sets the rule turns 6 wrong answers and 9 right ones into lists (where the
 * right one is offered first); on the other held-back sets 10 wrong and 11 right.
 */
const OFFER_WHEN_ASK_BEYOND = 3;
const OFFER_WHEN_ASK_BEYOND_BELOW = 0.7;
const DEFAULT_LIMIT = 10;
// Bigrams are noisier than words, so they count for less in the retrieval sum.
const GRAM_RETRIEVAL_WEIGHT = 0.7;
/** Questions added to the short list by vector similarity alone, when embeddings are on. */
const SEMANTIC_DEPTH = 8;
/** Terms in more than this share of the questions are skipped when gathering candidates. */
const COMMON_TERM_SHARE = 0.1;

export interface KbBuildOptions {
  /** Admin synonym groups (kb.synonyms), added to the built-in ones. */
  synonyms?: readonly SynonymGroup[];
  model?: MatchModel;
  /** Calibrate confidences on the KB's own similar questions (default true; see selfCalibrate). */
  selfCalibrate?: boolean;
  /** Clock for validity windows (effective_from/until); tests move it. */
  now?: () => Date;
  /** Let every entry compete whatever its validity window (`kb lint` judges windows itself). */
  ignoreValidity?: boolean;
  /** Match on answers too (answer-field.ts; default true). `kb lint` judges the questions alone. */
  answerField?: boolean;
}

/** How this KB's confidences are calibrated (for `kb search`, logs and reports). */
export interface CalibrationInfo {
  source: 'kb' | 'default';
  positives: number;
  negatives: number;
  calibrator: Record<string, number>;
}

/** Single-character question words (咋报, 啥时候): they end a run of single characters, never join one. */
const QUESTION_CHARS: ReadonlySet<string> = new Set([...'咋啥哪谁几怎么吗呢']);

/** Words in more than this share of the questions say how something is asked, not what about. */
const DOMAIN_WORD_MAX_SHARE = 0.08;
/** Question and glue words that never make a message about the KB's topics, however rare in it. */
const GENERIC_WORDS: ReadonlySet<string> = new Set(['怎么', '怎么办', '什么', '为什么', '多久', '几点', '几天', '几个', '多长', '哪些', '哪个', '平时', '哪里', '什么时候', '多少钱', '不能', '没有', '可以', '是不是', '多少', '时候', '知道', '觉得', '问题', '东西', '现在', '今天', '明天', '还是', '一直', '已经', '需要', '应该', '要求', '准备', '开始', '以后', '之前', '出来', '起来', '一下', '一个', '这样', '那样', '如果', '因为', '所以', '但是', '不是', '就是']);

// Self-calibration (see selfCalibrate): at most this many entries are sampled, so a 10k KB still
// builds fast; below MIN_SELF_POSITIVES held-out similar questions the fitted default is kept.
const SELF_CALIBRATION_ENTRIES = 300;
const MIN_SELF_POSITIVES = 40;
/**
 * Similar questions held out per entry when calibrating: all of them in a curated KB (four or five
 * each), so the fit rests on every example the admin wrote rather than the first three. (It is still
 * touchy: one synonym row that turns a few examples' rankings moves decisions by a point or two.)
 */
const CALIBRATION_SIMILARS_PER_ENTRY = 7;
// Out-of-KB messages are assumed to be about a third as common as in-KB ones when weighting the
// held-out negatives (store groups: most questions addressed to the bot are about store work).
const NEGATIVE_SHARE = 0.5;
// Pull toward the fitted default calibrator, so a small KB cannot fit itself to extremes.
const PRIOR_STRENGTH = 2;
/** A store-work probe whose best question covers this much of it (and it of the question) is answered by this KB. */
const STORE_PROBE_MATCH = 0.8;
const CHAR_Q = FEATURE_NAMES.indexOf('char_q');
const CHAR_D = FEATURE_NAMES.indexOf('char_d');

/** Questions analysed, before the indexes exist. */
interface PreparedKb {
  analyzer: TextAnalyzer;
  byId: ReadonlyMap<string, number>;
  docs: QuestionDoc[];
  analyzed: AnalyzedText[];
}

/** Questions analysed between two yields of an asynchronous build. */
const BUILD_CHUNK = 200;

interface QuestionDoc extends PreparedDoc {
  entry: number;
  text: string;
}

/** A ranked candidate before calibration (also what the fitter learns from). */
export interface RankedDoc {
  entry: number;
  doc: number;
  score: number;
  features: Float64Array;
  /** Found only through its answer: no question of the entry matched the message at all. */
  answerOnly?: boolean;
}

function tagsApply(entryTags: Record<string, string> | undefined, groupTags: Record<string, string> | undefined): boolean {
  if (!entryTags || !groupTags) return true;
  return Object.entries(entryTags).every(([k, v]) => groupTags[k] === v);
}

export class KnowledgeBase {
  private readonly entries: readonly KbEntry[];
  private readonly byId: ReadonlyMap<string, number>;
  private readonly docs: readonly QuestionDoc[];
  /** Document numbers of each entry's questions. */
  private readonly entryDocs: readonly number[][];
  private readonly ix: Indexes;
  private readonly analyzer: TextAnalyzer;
  private matchModel: MatchModel;
  private readonly clock: () => Date;
  /** 1 for entries with tags or a validity window: only those need checking per query. */
  private readonly restricted: Uint8Array;
  private readonly ignoreValidity: boolean;
  /** Set only while outOfWindowMatch looks past the validity windows (synchronous, so never seen by another query). */
  private windowsIgnored = false;
  /** Entries with an effective_from or effective_until. */
  private readonly dated: readonly number[];
  private calibrationInfo: CalibrationInfo;
  private vectors: { docs: readonly Float32Array[]; weight: number } | undefined;
  /** The answers as a second field (answer-field.ts): an index over answer texts and its tuned weight. */
  private answers: { kb: KnowledgeBase; weight: number } | undefined;
  private readonly supplied = new Map<string, ReadonlySet<AskKind>>();
  private readonly texts = new Map<string, { questions: string; said: string }>();
  // Scratch buffers reused by every search (searches are synchronous, so never shared).
  private readonly wordScores: Float64Array;
  private readonly gramScores: Float64Array;
  private readonly candidateBuffer: Int32Array;
  private readonly keyBuffer: Float64Array;
  private readonly secondLookKeys = new Float64Array(RETRIEVAL_DEPTH);
  private readonly secondLookWeights: Float64Array;
  /** Entry of each question document, as a typed array (read for every candidate). */
  private readonly docEntry: Int32Array;

  private constructor(entries: readonly KbEntry[], opts: KbBuildOptions, prepared: PreparedKb) {
    this.analyzer = prepared.analyzer;
    this.matchModel = opts.model ?? MatchModel.default();
    this.clock = opts.now ?? (() => new Date());
    this.ignoreValidity = opts.ignoreValidity ?? false;
    this.restricted = Uint8Array.from(entries, (e) => (e.tags || e.effectiveFrom || e.effectiveUntil ? 1 : 0));
    this.dated = entries.flatMap((e, i) => (e.effectiveFrom || e.effectiveUntil ? [i] : []));
    this.entries = entries;
    this.byId = prepared.byId;
    this.docs = prepared.docs;
    const entryDocs: number[][] = entries.map(() => []);
    prepared.docs.forEach((d, i) => entryDocs[d.entry]!.push(i));
    this.entryDocs = entryDocs;
    const analyzed = prepared.analyzed;
    this.ix = {
      words: new TermIndex(analyzed.map((a) => a.words)),
      grams: new TermIndex(analyzed.map((a) => a.grams)),
      chars: new TermIndex(analyzed.map((a) => a.chars)),
      pinyin: new TermIndex(analyzed.map((a) => a.pinyin)),
    };
    this.wordScores = new Float64Array(prepared.docs.length);
    this.gramScores = new Float64Array(prepared.docs.length);
    this.candidateBuffer = new Int32Array(prepared.docs.length);
    this.keyBuffer = new Float64Array(prepared.docs.length);
    this.docEntry = Int32Array.from(prepared.docs, (d) => d.entry);
    this.secondLookWeights = secondLookWeightsOf(this.matchModel.weights.ranker);
    this.calibrationInfo = this.defaultCalibration();
  }

  /**
   * The whole build as steps: analysis of every question, the indexes, self-calibration. It
   * yields between chunks, so `buildAsync` can let answers through while a hot reload builds the
   * next KB; `build` simply runs the steps back to back.
   */
  private static *steps(entries: readonly KbEntry[], opts: KbBuildOptions): Generator<void, KnowledgeBase> {
    const analyzer = new TextAnalyzer(SynonymTable.withBuiltins(opts.synonyms));
    const byId = new Map<string, number>();
    const texts: Array<{ entry: number; text: string }> = [];
    entries.forEach((e, i) => {
      if (byId.has(e.id)) throw new Error(`duplicate knowledge-base id "${e.id}"`);
      byId.set(e.id, i);
      for (const text of [e.question, ...e.similar]) texts.push({ entry: i, text });
    });
    // Words the KB uses that jieba does not know are learnt before anything is segmented.
    const learner = new KbWordLearner();
    for (let i = 0; i < texts.length; i++) {
      learner.add(texts[i]!.text);
      if (i % BUILD_CHUNK === BUILD_CHUNK - 1) yield;
    }
    addWords(learner.words());
    analyzer.learnWords(learner.words());
    const docs: QuestionDoc[] = [];
    const analyzed: AnalyzedText[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < texts.length; i++) {
      const { entry, text } = texts[i]!;
      const a = analyzer.analyze(text);
      const key = `${entry}\u0000${a.match}`;
      if (a.match && !seen.has(key)) {
        seen.add(key);
        analyzed.push(a);
        docs.push({ entry, text, compact: compactChars(a.match), qtype: a.qtype, negated: a.negated, match: a.match });
      }
      if (i % BUILD_CHUNK === BUILD_CHUNK - 1) yield;
    }
    yield;
    // The KB's topic words, for homophone typos in messages: words of its questions that are not
    // everywhere (a sound-alike of 问题 or 怎么 is no typo worth fixing).
    const common = Math.max(3, DOMAIN_WORD_MAX_SHARE * docs.length);
    const frequency = new Map<string, number>();
    for (const a of analyzed) for (const w of new Set(a.words)) frequency.set(w, (frequency.get(w) ?? 0) + 1);
    analyzer.learnHomophones([...frequency].filter(([w, n]) => n <= common && !GENERIC_WORDS.has(w)).map(([w]) => w));
    const kb = new KnowledgeBase(entries, opts, { analyzer, byId, docs, analyzed });
    yield;
    const answerDocs: QuestionDoc[] = [];
    const answerAnalyzed: AnalyzedText[] = [];
    for (let entry = 0; entry < entries.length; entry++) {
      const text = answerMatchText(entries[entry]!);
      const a = text ? analyzer.analyze(text) : undefined;
      if (a?.match && a.grams.length) {
        answerAnalyzed.push(a);
        // An answer is a statement: it has no question type and no polarity to compare (features.ts).
        answerDocs.push({ entry, text, compact: compactChars(a.match), qtype: '', negated: undefined, match: a.match });
      }
      if (entry % BUILD_CHUNK === BUILD_CHUNK - 1) yield;
    }
    if (answerDocs.length && opts.answerField !== false) {
      const answerKb = new KnowledgeBase(entries, { ...opts, selfCalibrate: false }, { analyzer, byId, docs: answerDocs, analyzed: answerAnalyzed });
      kb.answers = { kb: answerKb, weight: DEFAULT_ANSWER_WEIGHT };
      const tuning = kb.tuneAnswerWeight();
      let step = tuning.next();
      while (!step.done) {
        yield;
        step = tuning.next();
      }
      kb.answers.weight = step.value;
    }
    if (opts.selfCalibrate !== false) {
      const calibrating = kb.selfCalibrate();
      let step = calibrating.next();
      while (!step.done) {
        yield;
        step = calibrating.next();
      }
      kb.calibrationInfo = step.value;
      kb.matchModel = kb.matchModel.withCalibrator(step.value.calibrator);
    }
    return kb;
  }

  /** How this KB's confidences are calibrated. */
  get calibration(): CalibrationInfo {
    return this.calibrationInfo;
  }

  get model(): MatchModel {
    return this.matchModel;
  }

  private defaultCalibration(): CalibrationInfo {
    return { source: 'default', positives: 0, negatives: 0, calibrator: this.matchModel.weights.calibrator };
  }

  /** The answer field's weight in this KB (0 when the KB has no answers). */
  get answerWeight(): number {
    return this.answers?.weight ?? 0;
  }

  /**
   * How much should answers count in THIS KB? Every similar question, held out, is asked with its
   * entry's other questions and its answer still there, and each weight of the grid counts how many
   * it puts first. The counts of neighbouring weights differ by a probe or two, well inside the
   * noise of a few hundred probes, so taking the single best one made the weight (and with it every
   * ranking and the calibration) jump a grid step whenever one synonym row turned one probe. Instead
   * the grid is averaged, each weight counting by how close its count is to the best (steadyBest):
   * it moves a little when a probe turns, not a step. KBs with too few similar questions keep the default.
   */
  private *tuneAnswerWeight(): Generator<void, number> {
    const answers = this.answers!;
    const probes = this.entryDocs.map((docs, entry) => ({ docs, entry })).filter((e) => e.docs.length >= 2);
    if (probes.length * 2 < MIN_SELF_POSITIVES) return DEFAULT_ANSWER_WEIGHT;
    const step = Math.max(1, Math.floor(probes.length / SELF_CALIBRATION_ENTRIES));
    const hits = new Array<number>(ANSWER_WEIGHT_GRID.length).fill(0);
    let asked = 0;
    for (const { docs, entry } of probes.filter((_, i) => i % step === 0).slice(0, SELF_CALIBRATION_ENTRIES)) {
      for (const doc of docs.slice(1, 1 + CALIBRATION_SIMILARS_PER_ENTRY)) {
        const text = this.docs[doc]!.text;
        const byQuestion = fieldRanking(this.rankQuestions(text, undefined, { doc }));
        const byAnswer = fieldRanking(answers.kb.rankQuestions(text));
        asked++;
        ANSWER_WEIGHT_GRID.forEach((w, i) => {
          if (fusedTop(byQuestion, byAnswer, w) === entry) hits[i]!++;
        });
      }
      yield;
    }
    return steadyBest(ANSWER_WEIGHT_GRID, hits, asked);
  }

  /**
   * How right is "confidence x" in THIS KB? A probability fitted on one KB does not transfer to
   * another: in a dense KB of near-duplicate entries (AFQMC) even a perfect match is often another
   * entry's question, while a curated store KB's entries are distinct. So the KB labels itself:
   * - every similar question, held out, is a query whose right answer is its entry (a positive,
   *   if the entry still ranks first without it);
   * - every entry, held out whole, makes its own question an out-of-KB query (a negative);
   * - everyday requests no store KB answers (background.ts) are out-of-KB queries too.
   * Each probe is asked bare and inside the words staff put around a question (context-frames.ts),
   * so a question with context is not taken for doubt, nor an unrelated request with context for a match.
   * A Platt fit on those rows, pulled toward the fitted default, becomes this KB's calibrator. KBs
   * without enough similar questions keep the default. Admin-written similar questions are
   * cleaner than staff typing, so this errs on the confident side; the bands leave room for it.
   */
  private *selfCalibrate(): Generator<void, CalibrationInfo> {
    const base = this.defaultCalibration();
    const withSimilar = this.entryDocs.map((docs, entry) => ({ docs, entry })).filter((e) => e.docs.length >= 2);
    if (withSimilar.length * 2 < MIN_SELF_POSITIVES) return base;
    const step = Math.max(1, Math.floor(withSimilar.length / SELF_CALIBRATION_ENTRIES));
    const sample = withSimilar.filter((_, i) => i % step === 0).slice(0, SELF_CALIBRATION_ENTRIES);
    const x: number[][] = [];
    const y: number[] = [];
    const isNegative: boolean[] = [];
    const row = (text: string, ranked: RankedDoc[], label: number, outOfKb: boolean, exclude?: { doc?: number; entry?: number }): void => {
      if (!ranked.length) return;
      x.push(calibratorInputs(ranked, 0, this.matchModel.pairLogit(ranked[0]!.features), ranked[0]!.features, this.unknownShare(text, exclude)));
      y.push(label);
      isNegative.push(outOfKb);
    };
    // Every probe is asked twice: bare, and inside the words staff put around a question.
    let frame = 0;
    for (const { docs, entry } of sample) {
      for (const doc of docs.slice(1, 1 + CALIBRATION_SIMILARS_PER_ENTRY)) {
        for (const text of [this.docs[doc]!.text, framed(this.docs[doc]!.text, frame++)]) {
          const ranked = this.rankEntries(text, undefined, { doc });
          row(text, ranked, ranked[0]?.entry === entry ? 1 : 0, false, { doc });
        }
      }
      const own = this.docs[docs[0]!]!.text;
      for (const text of [own, framed(own, frame++)]) row(text, this.rankEntries(text, undefined, { entry }), 0, true, { entry });
      yield;
    }
    for (const text of BACKGROUND_QUERIES) for (const t of [text, framed(text, frame++)]) row(t, this.rankEntries(t), 0, true);
    // Store-work questions this KB may not answer: only those it clearly does not (no question
    // covering the probe nearly whole) count as out-of-KB.
    for (const text of STORE_BACKGROUND_QUERIES) {
      const ranked = this.rankEntries(text);
      const top = ranked[0];
      if (top && Math.min(top.features[CHAR_Q]!, top.features[CHAR_D]!) >= STORE_PROBE_MATCH) continue;
      for (const t of [text, framed(text, frame++)]) row(t, t === text ? ranked : this.rankEntries(t), 0, true);
    }
    const positives = y.filter((v) => v === 1).length;
    if (positives < MIN_SELF_POSITIVES) return base;
    const negatives = isNegative.filter(Boolean).length;
    const inKbRows = y.length - negatives;
    const negWeight = negatives ? (NEGATIVE_SHARE * inKbRows) / negatives : 1;
    const prior = CALIBRATOR_INPUTS.map((name) => base.calibrator[name] ?? 0);
    const w = fitLogistic(x, y, { l2: PRIOR_STRENGTH, prior, free: [], signs: CALIBRATOR_SIGNS, rowWeights: isNegative.map((n) => (n ? negWeight : 1)) });
    return { source: 'kb', positives, negatives, calibrator: Object.fromEntries(CALIBRATOR_INPUTS.map((name, i) => [name, w[i]!])) };
  }

  /**
   * What the message asks for beyond its subject (near-miss.ts) that an entry never says, in any of
   * its questions or its answer: 报 for 「健康证的钱能报吗」 against the entry on getting one. Empty
   * when the entry speaks to every part of the ask.
   */
  asksBeyond(text: string, entryId: string): string[] {
    const i = this.byId.get(entryId);
    if (i === undefined) return [];
    const ask = askContent(this.analyzer.analyze(text).match);
    if (!ask.length) return [];
    const said = new Set(this.textsOf(this.entries[i]!).said);
    return ask.filter((c) => !said.has(c));
  }

  /**
   * Whether a direct answer with `best` should name the question it answers: it is less confident
   * than `nameQuestionBelow` (kb.nameQuestionBelow), or the entry never speaks to part of the ask
   * (asksBeyond). Either way the asker sees at once what was understood.
   */
  shouldNameQuestion(text: string, best: { id: string; score: number }, nameQuestionBelow: number): boolean {
    return best.score < nameQuestionBelow || this.asksBeyond(text, best.id).length > 0;
  }

  /** Builds the index; throws on duplicate ids. */
  static build(entries: KbEntry[], opts: KbBuildOptions = {}): KnowledgeBase {
    const steps = KnowledgeBase.steps([...entries], opts);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * Builds like `build`, giving the event loop a turn between chunks of work (each a few ms), so a
   * service rebuilding its KB on a hot reload keeps answering meanwhile.
   */
  static async buildAsync(entries: KbEntry[], opts: KbBuildOptions = {}): Promise<KnowledgeBase> {
    const steps = KnowledgeBase.steps([...entries], opts);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /** Number of indexed questions (standard + similar, after de-duplication). */
  get questionCount(): number {
    return this.docs.length;
  }

  /** Every entry, in KB order. */
  get allEntries(): readonly KbEntry[] {
    return this.entries;
  }

  /** Whether an entry applies to a group with these tags today (its tags match, its dates include today). */
  entryApplies(id: string, groupTags?: Record<string, string>): boolean {
    const i = this.byId.get(id);
    return i !== undefined && this.applies(i, groupTags);
  }

  /** An entry's questions as the matcher sees them (normalised, synonyms canonical), its standard question first. */
  questionMatches(id: string): string[] {
    const i = this.byId.get(id);
    return i === undefined ? [] : this.entryDocs[i]!.map((d) => this.docs[d]!.match);
  }

  getEntry(id: string): KbEntry | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.entries[i];
  }

  /**
   * The message's words that this KB actually talks about: in its questions, at least two
   * characters, and not so common across questions that they carry no topic (怎么, 什么时候,
   * 可以 appear everywhere). A message with none of them is not about anything this KB knows, however
   * well its question words line up (the classifier's small-talk / off-topic gate).
   */
  domainWords(text: string): string[] {
    const common = Math.max(3, DOMAIN_WORD_MAX_SHARE * this.docs.length);
    const a = this.analyzer.analyze(text);
    const words = [...new Set(a.words)].filter((w) => [...w].length >= 2 && w !== '#' && !GENERIC_WORDS.has(w) && this.ix.words.docFrequency(w) > 0 && this.ix.words.docFrequency(w) <= common);
    return words.concat(this.knownRuns(a.match, common));
  }

  /**
   * domainWords of the answers: content words of the message that some answer uses, and few do
   * (带教 in 带教要带几天 is in the training entry's answer, not in any question). Empty without an
   * answer field.
   */
  answerDomainWords(text: string): string[] {
    const answers = this.answers;
    if (!answers || answers.weight === 0) return [];
    return answers.kb.domainWords(text);
  }

  /**
   * unknownWords, less the words some answer uses. Staff describe what they see ("热敏纸是哪面朝外"),
   * and the answers are where those words live: for the classifier, a word an answer uses is not a
   * subject the KB has never heard of. (The matcher's own confidence keeps to the questions: its
   * calibration holds questions out, not answers.)
   */
  wordsNoEntryUses(text: string): string[] {
    return this.unknownWords(text).filter((w) => this.answerWordShare(w) === 0);
  }

  /** Share of the answers that use a word (0 when the KB has no answer field). */
  private answerWordShare(word: string): number {
    const answers = this.answers?.kb;
    if (!answers || this.answers!.weight === 0 || !answers.docs.length) return 0;
    return answers.ix.words.docFrequency(word) / answers.docs.length;
  }

  /** Runs of single characters in a message's matching text (singleCharacterRuns; question words break them). */
  private runs(match: string): string[] {
    return singleCharacterRuns(cutPrecise(match), QUESTION_CHARS);
  }

  /**
   * Words jieba does not know come out as single characters (货少了 → 货 / 少). A run whose every
   * character pair the KB's questions use (and not everywhere) talks about what the KB talks about:
   * the counterpart of unknownRuns.
   */
  private knownRuns(match: string, common: number): string[] {
    return this.runs(match).filter((run) => {
      const chars = [...run];
      return chars.slice(1).every((c, i) => {
        const df = this.ix.grams.docFrequency(chars[i]! + c);
        return df > 0 && df <= common;
      });
    });
  }

  /**
   * Looser than domainWords' runs: single-character runs whose characters the KB's questions all
   * use, one of them rarely (少货 in 少货咋报: 少 and 货 each occur, the pair does not). Too loose
   * to say a message is about store work on its own (今天好冷啊 passes), so the classifier takes it
   * only together with a confident KB answer.
   */
  charRuns(text: string): string[] {
    const common = Math.max(3, DOMAIN_WORD_MAX_SHARE * this.docs.length);
    return this.runs(this.analyzer.analyze(text).match).filter((run) => {
      const chars = [...run];
      return chars.every((c) => this.ix.chars.docFrequency(c) > 0) && chars.some((c) => this.ix.chars.docFrequency(c) <= common);
    });
  }

  /**
   * Content words of the message the KB has never seen, even allowing for homophone typos (a word
   * whose pinyin the KB knows, 会圆 for 会员, is a typo, not a new topic). "冷面的做法" asks about
   * 冷面, which no question mentions: that is another topic, however well 做法 matches.
   */
  unknownWords(text: string, exclude?: { doc?: number; entry?: number }): string[] {
    const a = this.analyzer.analyze(text);
    const held = this.heldOutDocs(exclude);
    const known = new Set(a.words.filter((w) => this.ix.words.docFrequency(w, held) > 0));
    return [...new Set(a.words)].filter((w) => {
      if ([...w].length < 2 || w === '#' || GENERIC_WORDS.has(w) || known.has(w) || !/^\p{Script=Han}+$/u.test(w)) return false;
      // Search mode also yields the parts of a compound: a word covered by known parts is known.
      if ([...known].some((k) => k.length >= 2 && w.includes(k))) return false;
      const py = this.analyzer.analyze(w).pinyin;
      return !py.length || py.some((p) => this.ix.pinyin.docFrequency(p, held) === 0);
    }).concat(this.unknownRuns(a.match, held));
  }

  /**
   * Names jieba does not know come out as single characters (大骨汤 → 大 / 骨 / 汤, 慕斯 → 慕 / 斯),
   * which no word-level check sees. A run of two or more such characters is a word of its own,
   * unknown when one of its character pairs appears in no question.
   */
  private unknownRuns(match: string, held: readonly number[] | undefined): string[] {
    return this.runs(match).filter((run) => {
      if (GENERIC_WORDS.has(run)) return false;
      const chars = [...run];
      return chars.slice(1).some((c, i) => this.ix.grams.docFrequency(chars[i]! + c, held) === 0);
    });
  }

  /**
   * The documents a self-calibration probe holds out. A held-out entry's words are unknown to the
   * rest of the KB: without this, the probes that stand for out-of-KB questions ("员工健康证怎么办理"
   * with that entry removed) would never show an unknown word, and the calibrator would learn
   * that unknown words say nothing (it did: 甜度分几档 was answered at 0.69 from "80 分以上").
   */
  private heldOutDocs(exclude?: { doc?: number; entry?: number }): readonly number[] | undefined {
    if (exclude?.entry !== undefined) return this.entryDocs[exclude.entry];
    if (exclude?.doc !== undefined) return [exclude.doc];
    return undefined;
  }

  /** How much of the message (in characters of its content words) is words this KB has never seen. */
  unknownShare(text: string, exclude?: { doc?: number; entry?: number }): number {
    const words = [...new Set(this.analyzer.analyze(text).words)].filter((w) => [...w].length >= 2 && !GENERIC_WORDS.has(w));
    if (!words.length) return 0;
    const unknown = new Set(this.unknownWords(text, exclude));
    let all = 0;
    let miss = 0;
    for (const w of words) {
      all += w.length;
      if (unknown.has(w)) miss += w.length;
    }
    return miss / all;
  }

  /** The signals the matcher sees for a text (for `kb search` and tests). */
  analyze(text: string): AnalyzedText {
    return this.analyzer.analyze(text);
  }

  search(query: string, opts: SearchOptions = {}): KbCandidate[] {
    const limit = opts.limit ?? DEFAULT_LIMIT;
    if (limit <= 0) return [];
    const ranked = this.rankEntries(query, opts.groupTags, undefined, opts.queryVector);
    const unknown = this.model.readsUnknownShare ? this.unknownShare(query) : 0;
    let ceiling = 1;
    return ranked.slice(0, limit).map((r, i) => {
      const e = this.entries[r.entry]!;
      // Ranked lower is never more confident: the pair model can disagree with the fused ranking.
      ceiling = Math.min(ceiling, this.model.confidence(ranked, i, r.features, unknown));
      const candidate: KbCandidate = { id: e.id, question: e.question, score: round4(ceiling), matched: this.docs[r.doc]!.text, rankScore: round4(r.score) };
      if (r.answerOnly) candidate.answerOnly = true;
      return candidate;
    });
  }

  decide(query: string, opts: DecideOptions): KbDecision {
    const candidates = this.search(query, { limit: DEFAULT_LIMIT, groupTags: opts.groupTags, queryVector: opts.queryVector });
    const { decision, reason } = decideOnCandidates(candidates, opts);
    // An entry no question of which matches the message at all («告诉我», «等待» against words its
    // answer happens to use) is at most offered: the calibration rests on questions, and a match on
    // answer words alone is not evidence enough to act on.
    if (decision === 'answer' && candidates[0]?.answerOnly) return { decision: 'clarify', candidates, reason: `${reason}; offered, not answered: only its answer matches, none of its questions` };
    const best = decision === 'answer' && candidates[0] ? this.getEntry(candidates[0].id) : undefined;
    // Sure of the subject is not sure of the ask: an entry that never speaks to what was asked is
    // offered first in the list instead of given as the answer.
    const heldBack = best?.answer.trim() ? this.nearMissOf(query, best, candidates[0]!.score) : undefined;
    if (heldBack) return { decision: 'clarify', candidates, reason: `${reason}; offered, not answered: ${heldBack}` };
    if (best) return { decision, candidates, best, reason };
    return (this.dated.length && this.outOfWindowMatch(query, opts)) || { decision, candidates, reason };
  }

  /**
   * A question only an entry outside its validity window answers: 「跨年那天开到几点」 three weeks before
   * the New Year promotion starts, or after it ended. Such entries never compete with live ones (an
   * ended promotion could tie a live one), so the live decision offers neighbours or nothing; asked
   * again with the windows open, the out-of-window entry would be the answer or the first choice offered. It is still not
   * given (the admin chose when it may be), but the asker hears that it starts on a date, or ended on
   * one, instead of a list of unrelated questions. Undefined when the windows change nothing.
   */
  private outOfWindowMatch(query: string, opts: DecideOptions): KbDecision | undefined {
    const now = this.clock();
    if (this.ignoreValidity || this.dated.every((i) => isEntryActive(this.entries[i]!, now))) return undefined;
    const wide = this.withWindowsIgnored(() => this.search(query, { limit: DEFAULT_LIMIT, groupTags: opts.groupTags, queryVector: opts.queryVector }));
    const top = wide[0];
    const entry = top && this.getEntry(top.id);
    if (!top || !entry || isEntryActive(entry, now)) return undefined;
    // A likely match (the clarify band) is enough to say so: the reply names the question it is about.
    const { decision } = decideOnCandidates(wide, opts);
    if (decision === 'none' || (decision === 'answer' && entry.answer.trim() && this.nearMissOf(query, entry, top.score))) return undefined;
    const upcoming = !!entry.effectiveFrom && entry.effectiveFrom > shanghaiDate(now);
    const window = { id: entry.id, question: entry.question, state: upcoming ? ('upcoming' as const) : ('ended' as const), effectiveFrom: entry.effectiveFrom, effectiveUntil: entry.effectiveUntil };
    const span = upcoming ? `answered from ${entry.effectiveFrom}` : `ended ${entry.effectiveUntil}`;
    return { decision: 'none', candidates: wide, reason: `${entry.id} ${top.score.toFixed(2)} would ${decision === 'answer' ? 'answer' : 'be offered'}, but it is out of its window (${span})`, outOfWindow: window };
  }

  private withWindowsIgnored<T>(run: () => T): T {
    const answerKb = this.answers?.kb;
    this.windowsIgnored = true;
    if (answerKb) answerKb.windowsIgnored = true;
    try {
      return run();
    } finally {
      this.windowsIgnored = false;
      if (answerKb) answerKb.windowsIgnored = false;
    }
  }

  /**
   * Why `best`, matched with confidence `score`, still does not answer `query` (near-miss.ts,
   * answer-type.ts), or undefined when nothing holds it back:
   * - an ask kind it never states (a price, a payer, a length of time…);
   * - a procedure asked for by name that it never mentions (变更, 注销, 过户, 升级…);
   * - a mistake already made (存错账户) or an incident (被偷了) it never speaks of;
   * - a franchised store's question when it speaks only of 直营店 (or the other way round);
   * - a delivery order (美团来单了…) when it never speaks of delivery;
   * - a machine it never mentions when its questions are about another (萃茶机 against 制冰机多久清洗一次);
   * - a paper it never mentions when its questions are about another (加盟合同 against 食品经营许可证快到期了怎么续);
   * - a first application when it is about renewing (新店头一回办 against 许可证快到期了怎么续);
   * - a state the message rules out that it only speaks of as so (没开封的 against 开封后);
   * - several characters of the ask it never says anywhere (转给朋友 against 积分怎么用), when no more
   *   than fairly sure: a near miss as often as a paraphrase.
   */
  private nearMissOf(query: string, best: KbEntry, score: number): string | undefined {
    const missing = unansweredAsks(normalizeText(query), this.suppliedKindsOf(best));
    if (missing.length) return `${best.id} never states the ${missing.map((k) => ASK_KIND_NAMES[k]).join('/')} asked for`;
    const match = this.analyzer.analyze(query).match;
    const { questions, said } = this.textsOf(best);
    const procedures = unmentionedProcedures(match, said);
    if (procedures.length) return `${best.id} never mentions 「${procedures.join('、')}」`;
    const mistake = unmentionedMistake(match, said);
    if (mistake) return `${best.id} never speaks of a mistake such as 「${mistake}」`;
    const storeType = otherStoreType(match, said);
    if (storeType) return `${best.id} speaks only of the other kind of store than 「${storeType}」`;
    const delivery = unmentionedDelivery(match, said);
    if (delivery) return `${best.id} never speaks of delivery orders (「${delivery}」)`;
    const incident = unmentionedIncident(match, said);
    if (incident) return `${best.id} never speaks of an incident such as 「${incident}」`;
    const machines = otherMachines(match, questions, said);
    if (machines.length) return `${best.id} is about another machine than 「${machines.join('、')}」`;
    const documents = otherDocuments(match, questions, said);
    if (documents.length) return `${best.id} is about another paper than 「${documents.join('、')}」`;
    const firstTime = firstTimeAgainstRenewal(match, questions, said);
    if (firstTime) return `${best.id} is about renewing, not 「${firstTime}」`;
    const negated = negatedStates(match, said);
    if (negated.length) return `${best.id} never says 「${negated.join('、')}」, only the opposite`;
    const beyond = this.asksBeyond(query, best.id);
    if (beyond.length >= OFFER_WHEN_ASK_BEYOND && score < OFFER_WHEN_ASK_BEYOND_BELOW) return `${best.id} never says 「${beyond.join('')}」 of the ask`;
    return undefined;
  }

  /**
   * An entry's questions, and all it says (questions, answer, overrides), as the matcher sees them;
   * worked out once per entry.
   */
  private textsOf(entry: KbEntry): { questions: string; said: string } {
    let texts = this.texts.get(entry.id);
    if (!texts) {
      const questions = this.questionMatches(entry.id).join('|');
      const answers = [entry.answer, ...(entry.overrides ?? []).map((o) => o.answer)].map((a) => this.analyzer.analyze(answerMatchText({ answer: a })).match);
      texts = { questions, said: [questions, ...answers].join('|') };
      this.texts.set(entry.id, texts);
    }
    return texts;
  }

  /** What kinds of ask each entry can answer (answer-type.ts), worked out once per entry. */
  private suppliedKindsOf(entry: KbEntry): ReadonlySet<AskKind> {
    let kinds = this.supplied.get(entry.id);
    if (!kinds) this.supplied.set(entry.id, (kinds = suppliedKinds(entry)));
    return kinds;
  }

  /**
   * Entries best first, each with its best question, ranker score and that question's features:
   * the questions' ranking, with the answers' added at this KB's weight (answer-field.ts).
   */
  rankEntries(query: string, groupTags?: Record<string, string>, exclude?: { doc?: number; entry?: number }, queryVector?: Float32Array): RankedDoc[] {
    const byQuestion = this.rankQuestions(query, groupTags, exclude, queryVector);
    if (!this.answers || this.answers.weight === 0) return byQuestion;
    const byAnswer = this.answers.kb.rankQuestions(query, groupTags, exclude?.entry === undefined ? undefined : { entry: exclude.entry });
    if (!byAnswer.length) return byQuestion;
    const q = fieldRanking(byQuestion);
    const a = fieldRanking(byAnswer);
    const weight = this.answers.weight;
    const fused = byQuestion.map((r) => ({ ...r, score: fusedScore(r.entry, q, a, weight) }));
    // An entry found only through its answer competes with its best question's features.
    for (const r of byAnswer) {
      if (q.scores.has(r.entry)) continue;
      const best = this.featuresOfEntry(query, r.entry, exclude?.doc)[0];
      if (best) fused.push({ ...best, score: fusedScore(r.entry, q, a, weight), answerOnly: true });
    }
    return fused.sort((x, y) => y.score - x.score);
  }

  /** Entries ranked by their questions alone. */
  private rankQuestions(query: string, groupTags?: Record<string, string>, exclude?: { doc?: number; entry?: number }, queryVector?: Float32Array): RankedDoc[] {
    const analyzed = this.analyzer.analyze(query);
    if (!analyzed.grams.length) return [];
    const q = prepareQuery(analyzed, this.ix);
    const shortList = this.retrieve(analyzed, q, groupTags, exclude);
    const semantic = queryVector && this.vectors ? this.semanticShortList(queryVector, analyzed, groupTags, exclude, shortList) : undefined;
    const bestByEntry = new Map<number, RankedDoc>();
    for (const { doc, bm25Ratio } of semantic?.shortList ?? shortList) {
      const features = new Float64Array(FEATURE_COUNT);
      const d = this.docs[doc]!;
      pairFeatures(q, doc, d, this.ix, bm25Ratio, features);
      // Embeddings (optional) add what words cannot see: the candidate's cosine above the
      // short list's mean, in ranker units; lexical evidence still decides most of the score.
      const score = this.model.score(features) + (semantic ? this.vectors!.weight * (semantic.cosine.get(doc)! - semantic.meanCosine) : 0);
      const prev = bestByEntry.get(d.entry);
      if (!prev || score > prev.score) bestByEntry.set(d.entry, { entry: d.entry, doc, score, features });
    }
    return [...bestByEntry.values()].sort((a, b) => b.score - a.score);
  }

  /**
   * Question vectors from an embeddings provider (kb.embeddings), one per indexed question in
   * `questionTexts()` order, and the weight of the semantic signal. Without them the KB is lexical.
   */
  attachVectors(vectors: readonly Float32Array[], weight: number): void {
    if (vectors.length !== this.docs.length) throw new Error(`expected ${this.docs.length} question vectors, got ${vectors.length}`);
    this.vectors = { docs: vectors, weight };
  }

  /** Every indexed question, in index order (what attachVectors needs vectors for). */
  questionTexts(): string[] {
    return this.docs.map((d) => d.text);
  }

  get hasVectors(): boolean {
    return this.vectors !== undefined;
  }

  /**
   * The lexical short list plus the questions closest to the query vector that words missed
   * (paraphrases sharing no word), each with its cosine.
   */
  private semanticShortList(
    queryVector: Float32Array,
    a: AnalyzedText,
    groupTags: Record<string, string> | undefined,
    exclude: { doc?: number; entry?: number } | undefined,
    lexical: Array<{ doc: number; retrieval: number; bm25Ratio: number }>,
  ): { shortList: Array<{ doc: number; retrieval: number; bm25Ratio: number }>; cosine: Map<number, number>; meanCosine: number } {
    const docs = this.vectors!.docs;
    const keys = new Float64Array(docs.length);
    for (let i = 0; i < docs.length; i++) keys[i] = docs[i]!.length === queryVector.length ? cosine(queryVector, docs[i]!) : 0;
    const shortList = [...lexical];
    const have = new Set(lexical.map((l) => l.doc));
    const fullSelf = this.ix.words.idfMass(a.words);
    const queryWords = this.ix.words.queryTerms(a.words);
    for (const i of topKIndices(keys, keys.length, SEMANTIC_DEPTH)) {
      const entry = this.docs[i]!.entry;
      if (have.has(i) || i === exclude?.doc || entry === exclude?.entry) continue;
      if (this.restricted[entry] && !this.applies(entry, groupTags)) continue;
      shortList.push({ doc: i, retrieval: 0, bm25Ratio: fullSelf > 0 ? this.ix.words.bm25(queryWords, i) / fullSelf : 0 });
    }
    const cos = new Map<number, number>(shortList.map((l) => [l.doc, keys[l.doc]!]));
    let mean = 0;
    for (const v of cos.values()) mean += v;
    return { shortList, cosine: cos, meanCosine: cos.size ? mean / cos.size : 0 };
  }

  /**
   * Features of the query against each question of one entry, best-scoring first (pair models are
   * fitted from these; `kb search` can explain a ranking with them). Ignores retrieval.
   */
  featuresAgainst(query: string, entryId: string): RankedDoc[] {
    const entry = this.byId.get(entryId);
    return entry === undefined ? [] : this.featuresOfEntry(query, entry);
  }

  private featuresOfEntry(query: string, entry: number, excludeDoc?: number): RankedDoc[] {
    const analyzed = this.analyzer.analyze(query);
    const q = prepareQuery(analyzed, this.ix);
    const touched: number[] = [];
    const self = this.ix.words.accumulateBm25(analyzed.words, this.wordScores, touched, 1);
    const out: RankedDoc[] = [];
    for (const doc of this.entryDocs[entry] ?? []) {
      if (doc === excludeDoc) continue;
      const d = this.docs[doc]!;
      const features = new Float64Array(FEATURE_COUNT);
      pairFeatures(q, doc, d, this.ix, self > 0 ? this.wordScores[doc]! / self : 0, features);
      out.push({ entry, doc, score: this.model.score(features), features });
    }
    for (const doc of touched) this.wordScores[doc] = 0;
    return out.sort((a, b) => b.score - a.score);
  }

  /**
   * Candidate documents: BM25 over words + bigrams via postings, skipping terms too common to
   * discriminate (unless that leaves too few candidates), then the word-BM25 ratio of each
   * shortlisted document computed exactly, common terms included (a ranking feature).
   */
  private retrieve(a: AnalyzedText, q: PreparedQuery, groupTags: Record<string, string> | undefined, exclude?: { doc?: number; entry?: number }): Array<{ doc: number; retrieval: number; bm25Ratio: number }> {
    const maxDf = Math.max(50, COMMON_TERM_SHARE * this.docs.length);
    let wordTouched: number[] = [];
    let gramTouched: number[] = [];
    let wordSelf = this.ix.words.accumulateBm25(a.words, this.wordScores, wordTouched, 1, maxDf);
    let gramSelf = this.ix.grams.accumulateBm25(a.grams, this.gramScores, gramTouched, 1, maxDf);
    if (wordTouched.length + gramTouched.length < RERANK_DEPTH) {
      // Only common terms to go by ("花呗怎么用"): use them after all.
      this.reset(wordTouched, gramTouched);
      wordTouched = [];
      gramTouched = [];
      wordSelf = this.ix.words.accumulateBm25(a.words, this.wordScores, wordTouched, 1);
      gramSelf = this.ix.grams.accumulateBm25(a.grams, this.gramScores, gramTouched, 1);
    }
    // A document touched by both indexes is in both lists; the gram pass skips the ones words had.
    // Candidates and their keys go into buffers kept across queries (no per-query arrays).
    const candidates = this.candidateBuffer;
    const keys = this.keyBuffer;
    const excludeDoc = exclude?.doc ?? -1;
    const excludeEntry = exclude?.entry ?? -1;
    let n = 0;
    const consider = (doc: number): void => {
      const entry = this.docEntry[doc]!;
      if (doc === excludeDoc || entry === excludeEntry) return;
      if (this.restricted[entry] && !this.applies(entry, groupTags)) return;
      const wordRatio = wordSelf > 0 ? this.wordScores[doc]! / wordSelf : 0;
      const gramRatio = gramSelf > 0 ? this.gramScores[doc]! / gramSelf : 0;
      candidates[n] = doc;
      keys[n++] = wordRatio + GRAM_RETRIEVAL_WEIGHT * gramRatio;
    };
    for (const doc of wordTouched) consider(doc);
    for (const doc of gramTouched) if (this.wordScores[doc] === 0) consider(doc);
    this.reset(wordTouched, gramTouched);
    let top = topKIndices(keys, n, RETRIEVAL_DEPTH);
    if (top.length > RERANK_DEPTH) {
      const look = this.secondLookKeys;
      for (let k = 0; k < top.length; k++) {
        const doc = candidates[top[k]!]!;
        look[k] = k < KEPT_BY_RETRIEVAL ? Infinity : secondLookScore(q, doc, this.docs[doc]!, this.ix, this.secondLookWeights);
      }
      const chosen = topKIndices(look, top.length, RERANK_DEPTH);
      top = chosen.map((k) => top[k]!);
    }
    const fullSelf = this.ix.words.idfMass(a.words);
    const queryWords = this.ix.words.queryTerms(a.words);
    return top.map((i) => {
      const doc = candidates[i]!;
      const bm25Ratio = fullSelf > 0 ? this.ix.words.bm25(queryWords, doc) / fullSelf : keys[i]!;
      return { doc, retrieval: keys[i]!, bm25Ratio };
    });
  }

  /** Reset only what a query touched: O(touched), not O(all documents). */
  private reset(wordTouched: readonly number[], gramTouched: readonly number[]): void {
    for (const doc of wordTouched) this.wordScores[doc] = 0;
    for (const doc of gramTouched) this.gramScores[doc] = 0;
  }

  /** Tags and validity window of an entry that has either. */
  private applies(entry: number, groupTags: Record<string, string> | undefined): boolean {
    const e = this.entries[entry]!;
    if (!tagsApply(e.tags, groupTags)) return false;
    // Out-of-window entries (an ended promotion) must not even compete: they could tie a live one.
    return this.ignoreValidity || this.windowsIgnored || (!e.effectiveFrom && !e.effectiveUntil) || isEntryActive(e, this.clock());
  }
}

/**
 * A grid value chosen by its hit count, steadily: the mean of the grid weighted by exp((hits − best)
 * / SE), SE being the standard error of a binomial count of `asked` probes. Values as good as the
 * best within the noise share the choice, worse ones fade out, and one probe turning moves the
 * result a little, where the single best value jumps a grid step.
 */
export function steadyBest(grid: readonly number[], hits: readonly number[], asked: number): number {
  const top = Math.max(...hits);
  const share = asked > 0 ? top / asked : 0;
  const se = Math.max(1, Math.sqrt(asked * share * (1 - share)));
  const weights = hits.map((h) => Math.exp((h - top) / se));
  const total = weights.reduce((a, b) => a + b, 0);
  return grid.reduce((sum, g, i) => sum + g * weights[i]!, 0) / total;
}

/** Indices of the k largest of keys[0..n), best first: a size-k min-heap over indices, O(n log k). */
function topKIndices(keys: Float64Array, n: number, k: number): number[] {
  const heap: number[] = [];
  const less = (a: number, b: number): boolean => keys[a]! < keys[b]!;
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i);
      for (let c = heap.length - 1; c > 0; ) {
        const parent = (c - 1) >> 1;
        if (!less(heap[c]!, heap[parent]!)) break;
        [heap[c], heap[parent]] = [heap[parent]!, heap[c]!];
        c = parent;
      }
    } else if (k > 0 && keys[i]! > keys[heap[0]!]!) {
      heap[0] = i;
      for (let c = 0; ; ) {
        const l = 2 * c + 1;
        const r = l + 1;
        let min = c;
        if (l < heap.length && less(heap[l]!, heap[min]!)) min = l;
        if (r < heap.length && less(heap[r]!, heap[min]!)) min = r;
        if (min === c) break;
        [heap[c], heap[min]] = [heap[min]!, heap[c]!];
        c = min;
      }
    }
  }
  return heap.sort((a, b) => keys[b]! - keys[a]!);
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
