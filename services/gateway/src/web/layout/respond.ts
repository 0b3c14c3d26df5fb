import type { FastifyReply } from 'fastify';

/**
 * The web UI's Content-Security-Policy: everything from this host only, no inline scripts or
 * styles, no plugins, not framed, forms post only here. (The API's `/api/docs` keeps helmet's.)
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

/** A rendered page. Pages are personal (a shared library PC): never stored by the browser or a proxy. */
export function sendHtml(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', WEB_CSP)
    .header('cache-control', 'no-store')
    .send(html);
}

/** After a form: see other (303), so a reload does not post again. */
export function redirect(reply: FastifyReply, location: string): FastifyReply {
  return reply.status(303).header('location', location).header('cache-control', 'no-store').send();
}
