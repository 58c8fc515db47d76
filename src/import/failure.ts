import type { ImportMessage, ImportMessageCode } from './types.ts';

/**
 * Thrown inside the importer to stop at the first fatal problem; `importFiles` and each format's
 * entry point catch it and return `{ ok: false, error }`. It never leaves `src/import`.
 */
export class ImportFailure extends Error {
  readonly importMessage: ImportMessage;
  constructor(code: ImportMessageCode, params?: ImportMessage['params']) {
    super(code);
    this.name = 'ImportFailure';
    this.importMessage = params ? { code, params } : { code };
  }
}

export function fail(code: ImportMessageCode, params?: ImportMessage['params']): never {
  throw new ImportFailure(code, params);
}

/** Short, single-line description of an unexpected exception (no stack). */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\s+/g, ' ').slice(0, 200);
}
