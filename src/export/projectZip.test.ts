import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../config';
import { buildCatalog } from '../engine';
import { encodeDataset, encodeWeights, exportedConfig } from './exportedRun';
import { buildProjectZip, isTemplatePath, projectName } from './projectZip';
import { decodeTensorFile } from './tensorFile';

const config: RunConfig = { ...DEFAULT_CONFIG, dataset: 'shapes16', model: 'mlp', objective: 'naive', methods: ['imsvd'], params: { imsvd: { binSize: 4 } } };
const catalog = buildCatalog();
const templates = { 'train.py': 'print(1)\n', 'README.md': '# run\n', 'collapselab/models.py': 'X = 1\n' };

describe('the exported project', () => {
  it("resolves every enabled term's knobs and carries the dataset's spec", () => {
    const c = exportedConfig(config, catalog, 12);
    expect(c.params.imsvd).toMatchObject({ binSize: 4, t: 1, cTi: 1, cDia: 1, cOff: 1 });
    expect(c.params.naive).toEqual({});
    expect(c.spec.shape).toEqual([16, 16, 3]);
    expect(c.step).toBe(12);
    expect(() => exportedConfig({ ...config, methods: ['nope'] }, catalog, 0)).toThrow(/nope/);
  });

  it('stores images as bytes when every value is k/255, as float32 otherwise', () => {
    const spec = catalog.datasets.find((d) => d.id === 'shapes16')!;
    const per = 16 * 16 * 3;
    const bytesLike = new Float32Array(per).map((_, i) => (i % 256) / 255);
    const arrays = { trainX: bytesLike, trainY: new Int32Array([1]), testX: bytesLike, testY: new Int32Array([2]), mean: [0.5, 0.5, 0.5] };
    const exact = decodeTensorFile(encodeDataset(spec, arrays));
    expect(exact.tensors[0]!.data).toBeInstanceOf(Uint8Array);
    expect(exact.tensors[0]!.shape).toEqual([1, 16, 16, 3]);
    expect(exact.meta).toMatchObject({ mean: [0.5, 0.5, 0.5], spec: { id: 'shapes16' } });
    const floats = decodeTensorFile(encodeDataset(spec, { ...arrays, trainX: bytesLike.map((v) => v + 1e-3) }));
    expect(floats.tensors[0]!.data).toBeInstanceOf(Float32Array);
    expect(floats.tensors[2]!.data).toBeInstanceOf(Uint8Array);
  });

  it('packs the templates, the config, the weights and the data under one folder', () => {
    const weights = encodeWeights({ step: 3, tensors: [{ name: 'input/w', shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) }] });
    const zip = buildProjectZip({ templates, config: exportedConfig(config, catalog, 3), weights, data: new Uint8Array([9]) });
    const files = unzipSync(zip);
    const root = projectName(config);
    expect(root).toBe('collapse-lab-naive-imsvd-mlp-shapes16-seed1');
    expect(Object.keys(files).sort()).toEqual(
      ['README.md', 'collapselab/models.py', 'run/config.json', 'run/data.bin', 'run/weights.bin', 'train.py'].map((p) => `${root}/${p}`),
    );
    expect(JSON.parse(strFromU8(files[`${root}/run/config.json`]!)).objective).toBe('naive');
    expect(decodeTensorFile(files[`${root}/run/weights.bin`]!).tensors[0]!.data).toEqual(new Float32Array([1, 2, 3, 4]));
  });

  it('takes only the trainer, the package and the README from python/', () => {
    expect(['train.py', 'README.md', 'collapselab/terms.py'].every(isTemplatePath)).toBe(true);
    expect(['tests/test_parity.py', 'collapselab/__pycache__/x.pyc', 'notes.txt'].some(isTemplatePath)).toBe(false);
    expect(() => buildProjectZip({ templates: { 'tests/x.py': '' }, config: exportedConfig(config, catalog, 0), weights: new Uint8Array(), data: null })).toThrow(/not a project template/);
  });
});
