/**
 * Serves the renamed copy of the Changzhi pack (src/pack/testing/renamedPack.ts) at
 * `data/renamed/` for a browser context: `?pack=renamed` then loads it like any bundled pack.
 */
import type { BrowserContext } from 'playwright-core';
import { renamedChangzhiFiles } from '../../src/pack/testing/renamedPack.ts';

export async function routeRenamedPack(context: BrowserContext): Promise<void> {
  const files = renamedChangzhiFiles();
  await context.route('**/data/renamed/*', (route) => {
    const body = files.get(new URL(route.request().url()).pathname.split('/').pop()!);
    return body === undefined ? route.fulfill({ status: 404, body: 'not found' }) : route.fulfill({ body, contentType: 'application/json' });
  });
}
