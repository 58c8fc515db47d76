/**
 * The pages' Content Security Policy, one set of directives for the built app (through helmet,
 * app.ts) and the Vite dev pages of `serve --dev` (serve.ts), which add a nonce for Vite's and
 * React Refresh's inline module scripts and the HMR websocket.
 */
export const CSP_DIRECTIVES: Record<string, string[] | null> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'child-src': ["'self'", 'blob:'],
  // User-chosen basemap tiles (src/map/basemap) come from any https host.
  'img-src': ["'self'", 'data:', 'blob:', 'https:'],
  'connect-src': ["'self'", 'https:', 'blob:', 'data:'],
  'style-src': ["'self'", "'unsafe-inline'"],
  'frame-ancestors': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  // The office server often runs on plain http in the intranet: do not upgrade to https.
  'upgrade-insecure-requests': null,
};

/**
 * The header for the dev pages: inline scripts only with the nonce Vite puts on them
 * (`html.cspNonce`; one per server start, as Vite's option is), HMR over ws: / wss:.
 */
export function devContentSecurityPolicy(nonce: string, options: { frameable: boolean }): string {
  const directives = { ...CSP_DIRECTIVES };
  // The widget's page is framed by news sites on purpose (scripts/vite-frame-headers.ts).
  if (options.frameable) directives['frame-ancestors'] = null;
  directives['script-src'] = ["'self'", `'nonce-${nonce}'`];
  directives['connect-src'] = [...(CSP_DIRECTIVES['connect-src'] ?? []), 'ws:', 'wss:'];
  return Object.entries(directives)
    .filter((entry): entry is [string, string[]] => entry[1] !== null)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
