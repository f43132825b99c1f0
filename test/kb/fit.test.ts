/**
 * `qunzhu kb fit` on the real AFQMC dev pairs (../shared/data, present wherever the evals run).
 * The pair model's projected Newton fit once diverged on nearly collinear features (bias −1.5e15,
 * which silently turned the pair probability into a constant); step halving keeps it sane.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fitModel } from '../../src/kb/fit';
import { CALIBRATOR_INPUTS } from '../../src/kb/model';

const DEV = path.resolve(__dirname, '../../../shared/data/afqmc/dev.csv');

(fs.existsSync(DEV) ? describe : describe.skip)('kb fit on afqmc dev pairs', () => {
  it('gives finite, moderate weights for the ranker, the pair model and the calibrator', () => {
    const { weights } = fitModel(DEV);
    const all = [...Object.values(weights.ranker), ...Object.values(weights.pair ?? {}), ...CALIBRATOR_INPUTS.map((n) => weights.calibrator[n] ?? 0)];
    for (const v of all) expect(Number.isFinite(v)).toBe(true);
    for (const v of all) expect(Math.abs(v)).toBeLessThan(100);
    expect(weights.bands.clarifyThreshold).toBeLessThanOrEqual(weights.bands.answerThreshold);
  }, 120_000);
});
