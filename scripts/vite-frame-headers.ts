/**
 * The app must not be framed by another site (a clickjacking page could overlay its buttons):
 * every response of the dev and preview servers says so, except the embeddable widget's page
 * (embed.html), which news sites frame on purpose. A production host sets the same headers (see
 * README, "Hosting").
 */
import type { Connect, Plugin } from 'vite';

export const FRAME_HEADERS = {
  'Content-Security-Policy': "frame-ancestors 'self'",
  'X-Frame-Options': 'SAMEORIGIN',
} as const;

function setFrameHeaders(): Connect.NextHandleFunction {
  return (req, res, next) => {
    const pathname = (req.url ?? '').split('?')[0];
    if (!pathname.endsWith('/embed.html')) for (const [name, value] of Object.entries(FRAME_HEADERS)) res.setHeader(name, value);
    next();
  };
}

export function frameHeadersPlugin(): Plugin {
  return {
    name: 'shanshui-frame-headers',
    configureServer(server) {
      server.middlewares.use(setFrameHeaders());
    },
    configurePreviewServer(server) {
      server.middlewares.use(setFrameHeaders());
    },
  };
}
