/**
 * Another site cannot frame the app (clickjacking) and the widget stays embeddable: the preview
 * server (as the dev server) sends frame-ancestors 'self' and X-Frame-Options for the app's pages
 * and neither for embed.html.
 */
import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');

describe('framing headers', () => {
  it('the app says only its own site may frame it; the widget page says nothing', async () => {
    for (const page of ['', 'index.html']) {
      const app = await fetch(new URL(page, baseUrl));
      expect(app.status).toBe(200);
      expect(app.headers.get('content-security-policy')).toBe("frame-ancestors 'self'");
      expect(app.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    }
    const widget = await fetch(new URL('embed.html', baseUrl));
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-security-policy')).toBeNull();
    expect(widget.headers.get('x-frame-options')).toBeNull();
  });
});
