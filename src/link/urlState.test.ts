import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, validateConfig, type RunConfig } from '../config';
import { catalogFreePart, mergeLinkConfig, resolveLinkConfig } from './resolveLinkConfig';
import { decodeUrlState, encodeUrlState, FORMAT_DEFAULTS, LINK_VERSION } from './urlState';
import { decodeViewState, DEFAULT_VIEW, HIDE_TARGETS, type ViewState } from './viewState';
import { TEST_CATALOG as CATALOG, testTerm, TEST_BASE } from '../../test/support/testCatalog';

function cfg(patch: Partial<RunConfig>): RunConfig {
  return { ...DEFAULT_CONFIG, ...TEST_BASE, ...patch };
}

/** Configs that should survive encode -> decode unchanged. */
const ROUND_TRIP: RunConfig[] = [
  DEFAULT_CONFIG,
  cfg({ dataset: 'mnist', model: 'mlp', width: 64, depth: 3, embedDim: 128 }),
  cfg({ task: 'supervised', objective: 'ce', methods: ['cir'], params: { cir: { p: 0.25 } } }),
  cfg({ methods: ['sim', 'imsvd'], params: { sim: { beta: 0.0005, ratio: 1 }, imsvd: { bins: '16', t: 0.5 } } }),
  cfg({ lr: 1e-5, batchSize: 512, metricsEvery: 1000, seed: 2 ** 31 - 1, optimizer: 'sgd' }),
  cfg({ lr: 0.00123456789, seed: 0 }),
  cfg({ backend: 'cpu' }),
  cfg({ backend: 'webgpu', methods: ['mask'], params: { mask: { fixed: true } } }),
  cfg({ backend: 'wasm', dataset: 'blobs', model: 'mlp', objective: 'simsiam' }),
  cfg({ backend: 'webgl', params: { vicreg: { inv: 10 } } }),
];

describe('encodeUrlState', () => {
  it('writes nothing for the defaults', () => {
    expect(encodeUrlState(DEFAULT_CONFIG)).toBe('');
    expect(encodeUrlState(DEFAULT_CONFIG, CATALOG)).toBe('');
  });

  it('writes compact, readable keys in a fixed order', () => {
    const c = cfg({ methods: ['sim', 'imsvd'], lr: 0.01, backend: 'webgpu', params: { sim: { beta: 0.05 } } });
    expect(encodeUrlState(c)).toBe('?v=2&d=shapes&m=cnn&on=sim,imsvd&lr=0.01&backend=webgpu&p.sim.beta=0.05');
  });

  it('drops term knobs left at their default when the catalog is known', () => {
    const c = cfg({ methods: ['sim'], params: { sim: { beta: 0.005, ratio: 0.5 } } });
    expect(encodeUrlState(c, CATALOG)).toBe('?v=2&d=shapes&m=cnn&on=sim&p.sim.ratio=0.5');
    expect(encodeUrlState(c)).toBe('?v=2&d=shapes&m=cnn&on=sim&p.sim.beta=0.005&p.sim.ratio=0.5');
  });

  it('escapes characters that would break the query', () => {
    const q = encodeUrlState(cfg({ dataset: 'a&b=c' }));
    expect(q).toBe('?v=2&d=a%26b%3Dc&m=cnn');
    expect(decodeUrlState(q).config.dataset).toBe('a&b=c');
  });
});

describe('round trip', () => {
  for (const [i, c] of ROUND_TRIP.entries()) {
    it(`config #${i} survives encode/decode without a catalog`, () => {
      const decoded = decodeUrlState(encodeUrlState(c));
      expect(decoded.errors).toEqual([]);
      const back = mergeLinkConfig(DEFAULT_CONFIG, decoded.config);
      // Without a catalog a numeric-looking choice ('16') reads back as a number; the catalog fixes it.
      if (c.params.imsvd) expect(back.params.imsvd?.bins).toBe(Number(c.params.imsvd.bins));
      else expect(back).toEqual(c);
    });

    it(`config #${i} survives encode/decode with a catalog and validates`, () => {
      const valid = validateConfig(c, CATALOG);
      expect(valid.ok).toBe(true);
      if (!valid.ok) return;
      const decoded = decodeUrlState(encodeUrlState(valid.config, CATALOG), CATALOG);
      expect(decoded.errors).toEqual([]);
      const resolved = resolveLinkConfig(decoded.config, CATALOG);
      expect(resolved.errors).toEqual([]);
      expect(resolved.config).toEqual(valid.config);
    });
  }

  it('accepts the query with or without its leading question mark', () => {
    expect(decodeUrlState('v=2&lr=0.01').config).toEqual({ lr: 0.01 });
    expect(decodeUrlState('?v=2&lr=0.01').config).toEqual({ lr: 0.01 });
    expect(decodeUrlState('').config).toEqual({});
  });

  it('reads a forced backend', () => {
    for (const b of ['cpu', 'wasm', 'webgl', 'webgpu', 'auto'] as const) expect(decodeUrlState(`?v=2&backend=${b}`).config.backend).toBe(b);
  });

  it('reads an explicitly empty method list', () => {
    expect(decodeUrlState('?v=2&on=').config.methods).toEqual([]);
  });
});

describe('decodeUrlState errors', () => {
  const cases: [string, string, RegExp][] = [
    ['unknown key', '?v=2&foo=1&lr=0.01', /Unknown link setting "foo"/],
    ['bad number', '?v=2&lr=abc&bs=32', /"lr=abc".*must be a number/],
    ['hex is not a number', '?v=2&seed=0x10&bs=32', /"seed=0x10".*must be a number/],
    ['trailing junk', '?v=2&lr=0.01x&bs=32', /"lr=0.01x".*must be a number/],
    ['number out of range', '?v=2&lr=5&bs=32', /"lr=5".*between 0.00001 and 1|"lr=5".*between 1e-5 and 1/],
    ['not a whole number', '?v=2&bs=12.5&lr=0.01', /"bs=12.5".*whole number/],
    ['unknown task', '?v=2&task=rl&lr=0.01', /"task=rl".*ssl or supervised/],
    ['unknown optimizer', '?v=2&opt=lion&lr=0.01', /"opt=lion".*adam or sgd/],
    ['unknown backend', '?v=2&backend=metal&lr=0.01', /"backend=metal".*auto, webgpu, webgl, wasm, cpu/],
    ['empty dataset', '?v=2&d=&lr=0.01', /"d=".*empty/],
    ['repeated key', '?v=2&lr=0.01&lr=0.02', /"lr" appears more than once/],
    ['malformed knob key', '?v=2&p.sim=1&lr=0.01', /"p.sim" should look like p.<method>.<setting>/],
    ['empty knob name', '?v=2&p.sim.=1&lr=0.01', /"p.sim." should look like/],
  ];
  for (const [name, query, pattern] of cases) {
    it(`reports ${name} and keeps the valid parts`, () => {
      const r = decodeUrlState(query);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatch(pattern);
      const valid = query.includes('bs=32') ? { batchSize: 32 } : { lr: 0.01 };
      expect(r.config).toEqual(valid);
    });
  }

  it('uses the first value of a repeated key', () => {
    expect(decodeUrlState('?v=2&lr=0.01&lr=0.02').config.lr).toBe(0.01);
  });

  const catalogCases: [string, string, RegExp][] = [
    ['unknown dataset', '?v=2&d=cifar&lr=0.01', /"d=cifar".*unknown dataset \(known: shapes, shapes16, mnist, blobs\)/],
    ['unknown model', '?v=2&m=vit&lr=0.01', /"m=vit".*unknown model \(known: cnn, mlp\)/],
    ['unknown objective', '?v=2&obj=byol&lr=0.01', /"obj=byol".*unknown objective/],
    ['a method id as objective', '?v=2&obj=sim&lr=0.01', /"obj=sim".*unknown objective/],
    ['unknown term in a knob', '?v=2&p.nope.x=1&lr=0.01', /no method or objective "nope"/],
    ['unknown knob', '?v=2&p.sim.gamma=1&lr=0.01', /SIM has no setting "gamma" \(it has beta, ratio\)/],
    ['knob not a number', '?v=2&p.sim.beta=big&lr=0.01', /"p.sim.beta": "big" is not a number/],
    ['knob out of range', '?v=2&p.sim.beta=3&lr=0.01', /"p.sim.beta".*between 0 and 1/],
    ['knob not a boolean', '?v=2&p.mask.fixed=maybe&lr=0.01', /"maybe" is not true or false/],
    ['knob not an option', '?v=2&p.imsvd.bins=7&lr=0.01', /"p.imsvd.bins".*one of 4, 8, 16/],
  ];
  for (const [name, query, pattern] of catalogCases) {
    it(`reports ${name} with a catalog`, () => {
      const r = decodeUrlState(query, CATALOG);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatch(pattern);
      expect(r.config).toEqual({ lr: 0.01 });
    });
  }

  it('keeps the known methods of a list with unknown ones', () => {
    const r = decodeUrlState('?v=2&on=sim,bogus,imsvd,nope', CATALOG);
    expect(r.config.methods).toEqual(['sim', 'imsvd']);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/unknown methods "bogus", "nope" \(known: sim, imsvd, cir, mask\)/);
  });

  it('drops repeated method ids', () => {
    expect(decodeUrlState('?v=2&on=sim,sim', CATALOG).config.methods).toEqual(['sim']);
  });

  it('types knobs by their spec with a catalog', () => {
    const r = decodeUrlState('?v=2&p.imsvd.bins=16&p.mask.fixed=1&p.sim.beta=1e-3', CATALOG);
    expect(r.errors).toEqual([]);
    expect(r.config.params).toEqual({ imsvd: { bins: '16' }, mask: { fixed: true }, sim: { beta: 0.001 } });
  });

  it('never throws on garbage', () => {
    for (const q of ['?%', '?v=2&&&&', '?v=2&=1', '?v=2&p.=x', '?v=2&on=,,,', '?v=2&lr=', '?v=2&lr=Infinity', '?v=2&lr=NaN', '?v=2&p..=', '?v=2&' + 'x'.repeat(5000)]) {
      expect(() => decodeUrlState(q, CATALOG)).not.toThrow();
      expect(() => decodeUrlState(q)).not.toThrow();
    }
    expect(decodeUrlState('?v=2&lr=Infinity').errors[0]).toMatch(/must be a number/);
    expect(decodeUrlState('?v=2&lr=').errors[0]).toMatch(/must be a number/);
  });
});

describe('resolveLinkConfig', () => {
  it('returns a validated config for a clean link', () => {
    const link = decodeUrlState('?v=2&on=sim&p.sim.beta=0.01&lr=0.001', CATALOG);
    const r = resolveLinkConfig(link.config, CATALOG, cfg({}));
    expect(r.errors).toEqual([]);
    expect(r.config.methods).toEqual(['sim']);
    expect(r.config.lr).toBe(0.001);
    expect(r.config.params.sim).toEqual({ beta: 0.01, ratio: 0.2 });
  });

  it('leaves out a method the model cannot host and keeps the rest', () => {
    const r = resolveLinkConfig({ model: 'mlp', methods: ['sim', 'imsvd'], lr: 0.01 }, CATALOG, cfg({}));
    expect(r.config.model).toBe('mlp');
    expect(r.config.methods).toEqual(['imsvd']);
    expect(r.config.lr).toBe(0.01);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/Left out method "sim": .*residual blocks/);
  });

  it('leaves out a supervised-only method in an ssl run', () => {
    const r = resolveLinkConfig({ methods: ['cir'] }, CATALOG, cfg({}));
    expect(r.config.methods).toEqual([]);
    expect(r.errors[0]).toMatch(/Left out method "cir"/);
  });

  it('picks an objective that fits the linked task when the link gives none', () => {
    const r = resolveLinkConfig({ task: 'supervised', methods: ['cir'] }, CATALOG, cfg({}));
    expect(r.errors).toEqual([]);
    expect(r.config.task).toBe('supervised');
    expect(r.config.objective).toBe('ce');
    expect(r.config.methods).toEqual(['cir']);
  });

  it('picks the first objective of the linked task that the linked dataset and model can run', () => {
    const catalog = { ...CATALOG, terms: [testTerm({ id: 'pixels', role: 'objective', tasks: ['ssl'], needs: { images: true } }), ...CATALOG.terms] };
    const base = { ...DEFAULT_CONFIG, task: 'supervised' as const, objective: 'ce' };
    expect(resolveLinkConfig({ task: 'ssl' }, catalog, base).config.objective).toBe('pixels');
    const r = resolveLinkConfig({ dataset: 'blobs', model: 'mlp', task: 'ssl' }, catalog, base);
    expect(r.errors).toEqual([]);
    expect(r.config).toMatchObject({ dataset: 'blobs', model: 'mlp', task: 'ssl', objective: 'vicreg' });
  });

  it('keeps the task and reports an objective of the wrong task', () => {
    const r = resolveLinkConfig({ task: 'ssl', objective: 'ce' }, CATALOG, cfg({}));
    expect(r.config.objective).toBe('vicreg');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/Ignored "obj=ce": .*supervised/);
  });

  it('keeps the dataset and drops a model that cannot take it', () => {
    const r = resolveLinkConfig({ dataset: 'blobs', model: 'cnn' }, CATALOG, cfg({}));
    // Together they fail; the dataset alone fails with the default CNN too, so the model is kept.
    expect(r.config.model).toBe('cnn');
    expect(r.config.dataset).toBe('shapes');
    expect(r.errors[0]).toMatch(/Ignored "d=blobs": The CNN cannot take Blobs/);
  });

  it('accepts a dataset and model that only fit together', () => {
    const r = resolveLinkConfig({ dataset: 'blobs', model: 'mlp' }, CATALOG, cfg({}));
    expect(r.errors).toEqual([]);
    expect(r.config.dataset).toBe('blobs');
    expect(r.config.model).toBe('mlp');
  });

  it('reports unknown ids and out-of-range knobs that skipped the decoder', () => {
    const r = resolveLinkConfig({ dataset: 'cifar', objective: 'byol', params: { sim: { beta: 9 }, ghost: { a: 1 } } }, CATALOG, cfg({}));
    expect(r.config.dataset).toBe('shapes');
    expect(r.config.objective).toBe('vicreg');
    expect(r.errors.join('\n')).toMatch(/Unknown dataset "cifar"/);
    expect(r.errors.join('\n')).toMatch(/Unknown objective "byol"/);
    expect(r.errors.join('\n')).toMatch(/Ignored "p.sim.beta=9": .*between 0 and 1/);
    expect(r.errors.join('\n')).toMatch(/Ignored "p.ghost.a=1": Settings given for unknown term "ghost"/);
    expect(validateConfig(r.config, CATALOG).ok).toBe(true);
  });

  it('reports out-of-range run knobs merged without the decoder', () => {
    const r = resolveLinkConfig({ lr: 5, batchSize: 32 }, CATALOG, cfg({}));
    expect(r.config.lr).toBe(DEFAULT_CONFIG.lr);
    expect(r.config.batchSize).toBe(32);
    expect(r.errors[0]).toMatch(/Ignored "lr=5": Learning rate/);
  });

  it('builds on a given base instead of the defaults', () => {
    const base = cfg({ lr: 0.02, methods: ['imsvd'] });
    const r = resolveLinkConfig({ batchSize: 128 }, CATALOG, base);
    expect(r.config.lr).toBe(0.02);
    expect(r.config.methods).toEqual(['imsvd']);
    expect(r.config.batchSize).toBe(128);
  });
});

describe('mergeLinkConfig', () => {
  it('merges knobs per term instead of replacing them', () => {
    const base = cfg({ params: { sim: { beta: 0.1, ratio: 0.5 } } });
    const merged = mergeLinkConfig(base, { params: { sim: { beta: 0.2 } } });
    expect(merged.params.sim).toEqual({ beta: 0.2, ratio: 0.5 });
    expect(base.params.sim).toEqual({ beta: 0.1, ratio: 0.5 });
  });
});

describe('catalogFreePart', () => {
  it('keeps only what the decoder checks without a catalog', () => {
    const link = decodeUrlState('?v=2&d=cifar&m=vit&task=supervised&obj=byol&on=x&p.x.y=1&lr=0.01&bs=32&backend=cpu&seed=7&w=8&depth=3&dim=16&opt=sgd&every=2').config;
    expect(catalogFreePart(link)).toEqual({ lr: 0.01, batchSize: 32, backend: 'cpu', seed: 7, width: 8, depth: 3, embedDim: 16, optimizer: 'sgd', metricsEvery: 2 });
  });

  it('gives a valid config over the defaults for any decoded link', () => {
    for (const q of ['?d=cifar&on=x,y&task=supervised', '?v=2&lr=5&bs=7&every=0', '?v=2&backend=cpu&dim=256&w=128&depth=6&seed=0', '?v=2&obj=ce&p.sim.beta=99']) {
      const boot = mergeLinkConfig(DEFAULT_CONFIG, catalogFreePart(decodeUrlState(q).config));
      expect(validateConfig(boot, CATALOG).ok).toBe(true);
    }
  });
});

describe('link format versions', () => {
  it('a link without a version is read against the format-1 defaults it was made with', () => {
    // Format 1 had no normalisation: a link that left it out meant none, whatever today's default.
    const old = decodeUrlState('?obj=naive&lr=0.01');
    expect(old.errors).toEqual([]);
    const config = mergeLinkConfig(DEFAULT_CONFIG, old.config);
    for (const [field, value] of Object.entries(FORMAT_DEFAULTS[1]!)) {
      if (field === 'objective' || field === 'lr') continue;
      expect(config[field as keyof RunConfig], field).toEqual(value);
    }
    expect(config.objective).toBe('naive');
    expect(config.lr).toBe(0.01);
  });

  it('a link written today round-trips to the same config', () => {
    const c: RunConfig = { ...DEFAULT_CONFIG, objective: 'naive', norm: DEFAULT_CONFIG.norm === 'batch' ? 'none' : 'batch', stopAt: 300 };
    const link = encodeUrlState(c);
    expect(link.startsWith(`?v=${LINK_VERSION}&`)).toBe(true);
    expect(mergeLinkConfig(DEFAULT_CONFIG, decodeUrlState(link).config)).toEqual(c);
  });

  it('the home page (no settings) is today’s default run, and an unknown version is explained', () => {
    expect(decodeUrlState('')).toEqual({ config: {}, errors: [] });
    const future = decodeUrlState('?v=99&obj=naive');
    expect(future.errors.join(' ')).toMatch(/formats 1 to \d+/);
    expect(future.config).toEqual({ objective: 'naive' });
  });
});

describe('hostile links', () => {
  it('never echo a long value in full: every sentence stays short', () => {
    const long = 'x'.repeat(200_000);
    for (const q of [`?${long}=1`, `?v=2&d=${long}`, `?v=2&p.${long}.a=1`, `?v=2&on=${long},${long}`, `?v=2&lr=${long}`]) {
      const r = decodeUrlState(q, CATALOG);
      expect(r.errors.length, q.slice(0, 30)).toBeGreaterThan(0);
      for (const e of r.errors) expect(e.length).toBeLessThan(400);
    }
  });

  it('treats built-in object property names as unknown settings, never as knobs', () => {
    for (const knob of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__']) {
      const r = decodeUrlState(`?v=2&p.vicreg.${knob}=1`, CATALOG);
      expect(r.errors.join(' '), knob).toMatch(/has no setting/);
      expect(r.config.params ?? {}).toEqual({});
      // Refused, or (zod drops a "__proto__" key) accepted without it: never a config that carries it.
      const v = validateConfig({ ...DEFAULT_CONFIG, objective: 'vicreg', params: { vicreg: { [knob]: 1 } } }, CATALOG);
      if (v.ok) expect(Object.hasOwn(v.config.params.vicreg ?? {}, knob), knob).toBe(false);
      else expect(v.errors.join(' '), knob).toMatch(/unknown setting/);
    }
  });
});

describe('the view in a link (lesson, step, hide, present, twin)', () => {
  const views: ViewState[] = [
    DEFAULT_VIEW,
    { ...DEFAULT_VIEW, lesson: 'collapse' },
    { ...DEFAULT_VIEW, lesson: 'simsiam-needs', lessonStep: 7 },
    { ...DEFAULT_VIEW, hide: ['dataset', 'model', 'methods'] },
    { ...DEFAULT_VIEW, present: true },
    {
      ...DEFAULT_VIEW,
      twins: [
        { kind: 'knob', term: 'mask', knob: 'fixed' },
        { kind: 'method', id: 'imsvd' },
        { kind: 'norm', field: 'headNorm', value: 'none' },
        { kind: 'objective', id: 'simsiam' },
      ],
    },
    { lesson: 'collapse', lessonStep: 3, hide: [...HIDE_TARGETS], present: true, twins: [{ kind: 'method', id: 'sim' }] },
  ];

  it.each(views.map((v, i) => [i, v] as const))('view #%i round-trips beside a config, which decodes as before', (_i, view) => {
    const config = cfg({ seed: 7, methods: ['imsvd'] });
    const link = encodeUrlState(config, CATALOG, view);
    expect(decodeViewState(link, { catalog: CATALOG, lessons: ['collapse', 'simsiam-needs'] })).toEqual({ view, errors: [] });
    expect(decodeUrlState(link, CATALOG)).toEqual(decodeUrlState(encodeUrlState(config, CATALOG), CATALOG));
  });

  it('writes the twins in the short form the issue asks for, and nothing for the default view', () => {
    expect(encodeUrlState(DEFAULT_CONFIG, CATALOG, DEFAULT_VIEW)).toBe('');
    expect(encodeUrlState(DEFAULT_CONFIG, CATALOG, { ...DEFAULT_VIEW, lesson: 'collapse', lessonStep: 3, twins: [{ kind: 'knob', term: 'simsiam', knob: 'stopGrad' }] })).toBe(
      `?v=${LINK_VERSION}&lesson=collapse&step=3&twin=knob:simsiam:stopGrad`,
    );
  });

  it('a link that only opens a lesson implies no old defaults and no unknown settings', () => {
    expect(decodeUrlState('?lesson=collapse&step=2&hide=model&present=1&twin=method:imsvd', CATALOG)).toEqual({ config: {}, errors: [] });
  });

  const hostile: [string, string, RegExp, Partial<ViewState>][] = [
    ['an unknown control to hide', '?hide=model,sidebar,,methods', /cannot hide "sidebar" \(it hides dataset, model/, { hide: ['model', 'methods'] }],
    ['a step of 0', '?lesson=collapse&step=0', /whole number from 1 to 999/, { lesson: 'collapse', lessonStep: 1 }],
    ['a fractional step', '?lesson=collapse&step=1.5', /whole number/, { lesson: 'collapse' }],
    ['a huge step', '?lesson=collapse&step=1e9', /whole number/, { lesson: 'collapse' }],
    ['a step without a lesson', '?step=3', /belongs to a lesson/, {}],
    ['presenter mode that is neither on nor off', '?present=maybe', /1 \(on\) or 0 \(off\)/, {}],
    ['a lesson id that is a path', '?lesson=../etc', /lower-case letters, digits and dashes/, {}],
    ['a lesson that does not exist', '?lesson=nope&step=2', /no lesson of that name \(known: collapse\)/, {}],
    ['a twin of unknown shape', '?twin=flip:all', /a twin looks like method:<id>/, {}],
    ['a twin with an unknown method', '?twin=method:nope,method:imsvd', /no method "nope"/, { twins: [{ kind: 'method', id: 'imsvd' }] }],
    ['a twin on a knob that is not on/off', '?twin=knob:vicreg:inv', /no on\/off setting "inv"/, {}],
    ['a twin with an unknown normalisation', '?twin=norm:norm:group', /one of none, batch, layer/, {}],
    ['an objective twin that is a method', '?twin=objective:cir', /no objective "cir"/, {}],
    ['a repeated key', '?present=1&present=0', /more than once/, { present: true }],
  ];
  it.each(hostile)('explains %s and keeps the rest', (_name, query, message, kept) => {
    const r = decodeViewState(query, { catalog: CATALOG, lessons: ['collapse'] });
    expect(r.errors.join(' ')).toMatch(message);
    expect(r.view).toEqual({ ...DEFAULT_VIEW, ...kept });
  });

  it('keeps one of each twin and never echoes a long value in full', () => {
    expect(decodeViewState('?twin=method:imsvd,method:imsvd').view.twins).toEqual([{ kind: 'method', id: 'imsvd' }]);
    const long = 'x'.repeat(200_000);
    for (const q of [`?lesson=${long}`, `?hide=${long}`, `?twin=${long}`, `?twin=${'method:nope,'.repeat(20_000)}`, `?step=${long}`, `?present=${long}`]) {
      const r = decodeViewState(q, { catalog: CATALOG, lessons: ['collapse'] });
      expect(r.errors.length, q.slice(0, 30)).toBeGreaterThan(0);
      for (const e of r.errors) expect(e.length).toBeLessThan(400);
    }
  });
});
