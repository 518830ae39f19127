/**
 * Zod without its compiled parsers. Zod 4 builds a fast object parser with `new Function`
 * and probes for it when each object schema is made; the page's Content-Security-Policy has
 * no 'unsafe-eval', so the probe would be refused and reported as a violation. Imported
 * first by every entry (the app, the engine and import workers, the bench and kernel pages),
 * before any module that makes a schema.
 */
import { z } from 'zod';

z.config({ jitless: true });
