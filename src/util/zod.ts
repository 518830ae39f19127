/**
 * Zod, configured without its compiled parsers: every module imports `z` from here, never
 * from 'zod' itself (lint enforces it), so the setting is made before any schema exists, in
 * whatever order a bundle evaluates its chunks. Zod 4 builds a fast object parser with
 * `new Function` and probes for it when each object schema is made; the page's
 * Content-Security-Policy (vite-plugin-csp.ts) has no 'unsafe-eval', so the probe would be
 * refused and reported as a violation.
 */
// eslint-disable-next-line no-restricted-imports -- the one place zod is imported
import { z } from 'zod';

z.config({ jitless: true });

export { z };
