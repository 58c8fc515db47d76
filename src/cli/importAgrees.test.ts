/**
 * Issue 12, "shanshui import and the app agree on every one": every file of the wild corpus goes
 * through the CLI and through the import worker's API (what the app calls); both give the same
 * features, or both refuse with the same message naming the file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatImportMessage } from '../import/messages.ts';
import { FIXTURES } from '../import/testSupport.ts';
import { createImportWorkerApi } from '../import/workerApi.ts';
import { run } from './import.ts';

const WILD = `${FIXTURES}wild/`;
const files = readdirSync(WILD).filter((f) => !f.startsWith('ref-'));

function sink() {
  const chunks: string[] = [];
  return {
    stream: new Writable({
      write(chunk, _encoding, callback) {
        chunks.push(String(chunk));
        callback();
      },
    }),
    text: () => chunks.join(''),
  };
}

describe('shanshui import and the app agree on every wild file', () => {
  it.each(files)('%s', async (file) => {
    const out = sink();
    const err = sink();
    const code = await run([WILD + file, '--lang', 'zh'], { stdout: out.stream, stderr: err.stream });
    const app = await createImportWorkerApi().importFiles([{ name: file, bytes: new Uint8Array(readFileSync(WILD + file)) }], {
      tiles: 'never',
      returnData: 'object',
      regionHint: [111.929, 35.773, 113.781, 37.175],
    });
    if (app.ok) {
      expect(code).toBe(0);
      const cli = JSON.parse(out.text()) as { features: unknown[] };
      expect(cli.features).toEqual(app.layers.flatMap((l) => l.data!.features));
    } else {
      expect(code).toBe(2);
      expect(out.text()).toBe('');
      const line = err.text().trim();
      expect(line.split('\n')).toHaveLength(1);
      // The app's message names the file; the CLI puts the path in front of the same message (with
      // its own advice: --from-crs instead of the dialog).
      expect(formatImportMessage(app.error, 'zh')).toContain(file.replace(/\.[^.]+$/, ''));
      const { file: _file, ...params } = app.error.params ?? {};
      expect(line).toContain(`shanshui: ${WILD}${file}: ${formatImportMessage({ ...app.error, params }, 'zh', 'cli')}`);
    }
  });
});
