import type { FastifyReply, FastifyRequest } from 'fastify';
import { bothLanguages } from '../../i18n/bothLanguages.ts';

/** Methods that change nothing on the server. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence without tokens: a state-changing request that a browser marks as coming from
 * another site (Sec-Fetch-Site, or an Origin other than this host) is refused. Scripts send
 * neither header and sign in like the browser; bodies must also be JSON (see app.ts).
 */
export async function rejectCrossSiteWrites(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (SAFE_METHODS.has(request.method)) return;
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  const sameOrigin = origin === undefined || origin === `${request.protocol}://${request.host}`;
  if ((site !== undefined && site !== 'same-origin' && site !== 'none') || !sameOrigin) {
    await reply.code(403).send({ error: 'cross_site', message: bothLanguages('server.http.crossSite') });
  }
}
