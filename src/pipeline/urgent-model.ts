/**
 * A learned second opinion on urgency. The rule lexicon (lexicon.ts) is precise, but each new batch
 * of urgent messages written for qunzhu found only 52–69% of them with the rules as they stood:
 * people say "阿姨突然口齿不清" or "顾客把热饮泼到店员脸上" in more ways than rules list. A logistic
 * model over character 1–3-grams, fitted on the labelled store messages (urgent-fit.ts), caught
 * 81–90% of a batch it had not seen. The classifier asks it only when no rule fired, and only a
 * message that says something is happening (not a drill, a plan or a how-to question) is paged.
 */
import fitted from './urgent-weights.json';

export interface UrgentModelWeights {
  fittedBy: string;
  bias: number;
  /** probability from which a message counts as urgent */
  threshold: number;
  weights: Record<string, number>;
}

/** Character 1–3-grams of normalised text, spaces dropped, digits folded (what the model reads). */
export function urgentGrams(normalized: string): string[] {
  const chars = [...normalized.replace(/ /g, '').replace(/\d+/g, '#')];
  const grams = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    grams.add(chars[i]!);
    if (i + 1 < chars.length) grams.add(chars[i]! + chars[i + 1]!);
    if (i + 2 < chars.length) grams.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  }
  return [...grams];
}

export interface UrgentJudgement {
  probability: number;
  /** the grams that pushed it most toward urgent, strongest first (for the reason string) */
  evidence: string[];
}

export class UrgentModel {
  private readonly weights: ReadonlyMap<string, number>;

  constructor(readonly spec: UrgentModelWeights) {
    this.weights = new Map(Object.entries(spec.weights));
  }

  static default(): UrgentModel {
    return new UrgentModel(fitted as UrgentModelWeights);
  }

  get threshold(): number {
    return this.spec.threshold;
  }

  judge(normalized: string): UrgentJudgement {
    let z = this.spec.bias;
    const pushes: Array<[string, number]> = [];
    for (const g of urgentGrams(normalized)) {
      const w = this.weights.get(g);
      if (w === undefined) continue;
      z += w;
      if (w > 0) pushes.push([g, w]);
    }
    pushes.sort((a, b) => b[1] - a[1]);
    // Longer grams repeat their parts; name each stretch of text once.
    const evidence: string[] = [];
    for (const [g] of pushes) {
      if (evidence.some((e) => e.includes(g) || g.includes(e))) continue;
      evidence.push(g);
      if (evidence.length === 3) break;
    }
    return { probability: 1 / (1 + Math.exp(-z)), evidence };
  }
}
