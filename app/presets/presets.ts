/** The demo presets shipped in seeds/presets/*.json, read and checked at build time (src/compare/preset.ts). */
import { parsePresets } from '../../src/compare/preset';

export type { Preset } from '../../src/compare/preset';

const files = import.meta.glob<unknown>('../../seeds/presets/*.json', { eager: true, import: 'default' });

/** The shipped presets. */
export const PRESETS = parsePresets(files);
