/**
 * A preset's `measured` field (src/compare/preset.ts measuredShape): what the report found,
 * in the words the app's preset panel shows, and the preset file rewritten with it.
 */
import type { z } from '../../src/util/zod';
import type { measuredShape } from '../../src/compare/preset.ts';
import type { PresetRaw, PresetResult } from './raw.ts';

/** A preset's `measured` field. */
export type Measured = z.infer<typeof measuredShape>;

/** The name of a software renderer in `text` (SwiftShader, llvmpipe, WARP), or null for a real GPU. */
export function softwareRenderer(text: string): string | null {
  if (/swiftshader|subzero/i.test(text)) return 'SwiftShader';
  if (/llvmpipe|softpipe/i.test(text)) return 'llvmpipe';
  if (/\bwarp\b|basic render/i.test(text)) return 'WARP';
  return null;
}

/**
 * A few words on the machine a preset ran on: the CPU's cores, whether there is a GPU (from
 * the WebGPU adapter when the backend is WebGPU, else the browser's WebGL renderer) and, on a
 * GPU backend without a GPU, what emulates it: "2-core CPU, no GPU, WebGPU emulated (SwiftShader)".
 */
export function machineText(machine: PresetRaw['machine'], backend: PresetResult['backend']): string {
  const parts = [`${machine.cores}-core CPU`];
  const adapter = backend?.id === 'webgpu' ? backend.adapter : undefined;
  const adapterText = adapter ? `${adapter.description} ${adapter.architecture} ${adapter.vendor}` : '';
  const renderer = machine.webglRenderer ?? '';
  const emulator = adapter ? (adapter.isFallbackAdapter ? (softwareRenderer(adapterText) ?? 'software') : null) : softwareRenderer(renderer);
  if (emulator) parts.push('no GPU');
  else if (adapter) parts.push(`GPU ${adapter.description || `${adapter.vendor} ${adapter.architecture}`.trim()}`);
  else if (renderer) parts.push(`GPU ${renderer}`);
  if (emulator && backend?.id === 'webgpu') parts.push(`WebGPU emulated (${emulator})`);
  if (emulator && backend?.id === 'webgl') parts.push(`WebGL emulated (${emulator})`);
  return parts.join(', ');
}

/** The `measured` field of a preset that reached its budget; null for one that did not (its file keeps what it had). */
export function measuredOf(raw: PresetRaw, r: PresetResult): Measured | null {
  if (!r.reached || !r.claims || !r.control) return null;
  return {
    date: raw.date.slice(0, 10),
    machine: machineText(raw.machine, r.backend),
    backend: r.backend?.id ?? r.backendAsked,
    steps: Math.min(r.main.step, r.control.step),
    seconds: Math.round(r.seconds),
    claims: r.claims.map(({ text, holds }) => ({ text, holds })),
  };
}

/**
 * The preset file `json` with `measured` set: every other field and the key order kept (an
 * existing `measured` is replaced where it stands, a new one goes last), 2-space indent,
 * trailing newline.
 */
export function withMeasured(json: string, measured: Measured): string {
  const preset = JSON.parse(json) as Record<string, unknown>;
  return `${JSON.stringify({ ...preset, measured }, null, 2)}\n`;
}
