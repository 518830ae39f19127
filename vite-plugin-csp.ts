/**
 * The Content-Security-Policy of the built pages: they load scripts, workers, styles, fonts
 * and data only from their own origin and talk to nobody else. WebAssembly (the WASM
 * backend) may compile ('wasm-unsafe-eval'); JavaScript may not be made from strings (no
 * 'unsafe-eval': zod runs jitless, src/util/zod.ts). Inline style attributes are
 * allowed (KaTeX typesets with them), inline <style> and <script> elements are not.
 * Images may be data: (the favicon) or blob: (a chart drawn to PNG); one small KaTeX font
 * is inlined as data:.
 *
 * The build puts the policy in a <meta> tag at the top of every page (index.html, and the
 * kernel and bench harness pages, which are built and served alongside). `vite preview`
 * (the browser tests, the bench) also sends it as a header, so the workers, which a <meta>
 * does not reach, run under it too, as they do behind a host that sends the header. The
 * dev server (`npm start`) sets no policy: React's fast refresh injects an inline script.
 */
import type { Plugin } from 'vite';

/** The policy, directive by directive. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** The Vite plugin. */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'collapse-lab-csp',
    transformIndexHtml(_html, ctx) {
      if (ctx.server) return;
      return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }];
    },
    configurePreviewServer(server) {
      server.middlewares.use((_req, res, next) => {
        res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
        next();
      });
    },
  };
}
