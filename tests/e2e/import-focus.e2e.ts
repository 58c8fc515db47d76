/**
 * Keyboard only: after the import button's file dialog closes — a file chosen or the dialog
 * cancelled — the focus is back on the import button (issue 13), so the next Tab or Enter goes on
 * from where the person was instead of from the top of the page.
 */
import path from 'node:path';
import type { FileChooser, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, openPage, waitForMapIdle } from './browser.ts';

const baseUrl = inject('baseUrl');
const FIXTURE = path.resolve(import.meta.dirname, '..', 'fixtures', 'import', 'ref', 'cgcs2000-3deg-cm114.wgs84.geojson');
const session = browserForFile();

/** What has the keyboard focus: the element's tag, class and (short) text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return { tag: element?.tagName ?? '', className: element?.className ?? '', text: (element?.textContent ?? '').slice(0, 40) };
  });

/** Tabs through the page until the import button has the focus (as a person would). */
async function tabToImportButton(page: Page): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)).className.includes('import-main')) return;
  }
  throw new Error('Tab never reached the import button');
}

describe('focus after the file dialog', () => {
  it('returns to the import button after choosing a file and after cancelling', async () => {
    const { page, context, consoleErrors } = await openPage(session.browser, baseUrl, { viewport: { width: 1440, height: 900 } });
    // Listening from the start turns on Playwright's interception of file dialogs before any key is pressed.
    const choosers: FileChooser[] = [];
    page.on('filechooser', (chooser) => choosers.push(chooser));
    const nextChooser = async (): Promise<FileChooser> => {
      await expect.poll(() => choosers.length, { timeout: 30_000 }).toBeGreaterThan(0);
      return choosers.shift()!;
    };
    await waitForMapIdle(page);
    await tabToImportButton(page);

    // Enter opens the dialog; a file is chosen; the import runs and ends.
    await page.keyboard.press('Enter');
    await (await nextChooser()).setFiles(FIXTURE);
    await page.locator('[role="status"]', { hasText: '已导入“cgcs2000-3deg-cm114.wgs84”' }).first().waitFor({ timeout: 60_000 });
    await expect.poll(() => focused(page), { timeout: 5_000 }).toEqual({ tag: 'BUTTON', className: 'import-main', text: '导入' });

    // Enter again opens the dialog again (the focus is really there); this time it is cancelled.
    await page.keyboard.press('Enter');
    await (await nextChooser()).setFiles([]);
    await expect.poll(() => focused(page), { timeout: 5_000 }).toEqual({ tag: 'BUTTON', className: 'import-main', text: '导入' });
    // The next Tab moves on from the import control, not from the top of the page.
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => Boolean(document.activeElement?.closest('.import-ctrl, .maplibregl-ctrl-top-left')));
    expect(next).toBe(true);

    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
