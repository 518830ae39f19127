/**
 * The demo presets (seeds/presets/*.json) as full, validated run configs for the
 * benchmark, plus the "base" variant of each: the same run with its seed methods off.
 */
import { flipShape, type Flip } from '../src/compare/flip';
import { buildCatalog } from '../src/engine';
import { DEFAULT_CONFIG, runConfigShape, validateConfig, type RunConfig } from '../src/config';
import { mergeLinkConfig } from '../src/link/resolveLinkConfig';

/** One preset resolved over the defaults. */
export interface BenchPreset {
  id: string;
  title: string;
  config: RunConfig;
  /** What its control twin flips. */
  control: Flip;
}

const files = import.meta.glob<unknown>('../seeds/presets/*.json', { eager: true, import: 'default' });

const presetFile = runConfigShape.partial();

/** Every shipped preset, sorted by id; throws on a preset (or control) that does not validate. */
export function benchPresets(): BenchPreset[] {
  const catalog = buildCatalog();
  return Object.entries(files)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, content]) => {
      const id = path.split('/').pop()?.replace(/\.json$/, '') ?? path;
      const raw = content as { title?: unknown; config?: unknown; control?: unknown };
      const partial = presetFile.parse(raw.config);
      const result = validateConfig(mergeLinkConfig(DEFAULT_CONFIG, partial), catalog);
      if (!result.ok) throw new Error(`Preset ${id} does not validate: ${result.errors.join(' ')}`);
      return { id, title: typeof raw.title === 'string' ? raw.title : id, config: result.config, control: flipShape.parse(raw.control) };
    });
}

/** The same run without seed methods: the base step a method's overhead is measured against. */
export function baseOf(config: RunConfig): RunConfig {
  return { ...config, methods: [] };
}
