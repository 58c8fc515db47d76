/**
 * A drop or selection of several files: each file (a shapefile with its parts) imports on its own,
 * so a broken file never stops the good ones, and the result says what became of each. One group
 * behaves exactly as `importFiles`.
 */
import { groupImportSources, importFiles, type ImportSource } from './importFiles.ts';
import type { FileFailure, ImportMessage, ImportOptions, ImportedLayer, ImportResult } from './types.ts';
import { uniqueLayerNames } from './uniqueLayerNames.ts';

const nameOf = (s: ImportSource) => (s as { name: string }).name;

function sizeOf(source: ImportSource): number {
  if (typeof Blob !== 'undefined' && source instanceof Blob) return source.size;
  const bytes = (source as { bytes: Uint8Array | ArrayBuffer }).bytes;
  return bytes.byteLength;
}

function withFile(message: ImportMessage, file: string): ImportMessage {
  return message.params?.file !== undefined ? message : { ...message, params: { ...message.params, file } };
}

export async function importBatch(sources: ImportSource[], options: ImportOptions = {}): Promise<ImportResult> {
  const groups = Array.isArray(sources) && sources.length > 1 ? groupImportSources(sources) : [sources];
  if (groups.length <= 1) return importFiles(sources, options);
  const weights = groups.map((g) => g.reduce((sum, s) => sum + Math.max(1, sizeOf(s)), 0));
  const total = weights.reduce((a, b) => a + b, 0);
  const layers: ImportedLayer[] = [];
  const warnings: ImportMessage[] = [];
  const failures: FileFailure[] = [];
  let done = 0;
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i];
    const files = group.map(nameOf);
    const label = files.find((f) => !/\.(dbf|prj|cpg|shx)$/i.test(f)) ?? files[0];
    const start = done / total;
    const share = weights[i] / total;
    const result = await importFiles(group, {
      ...options,
      onProgress: (p) => options.onProgress?.({ ...p, stage: p.stage === 'done' ? 'reproject' : p.stage, fraction: Math.min(0.99, start + share * p.fraction) }),
    });
    done += weights[i];
    if (result.ok) {
      layers.push(...result.layers);
      warnings.push(...result.warnings.map((w) => withFile(w, label)));
    } else {
      // Cancelling stops the whole batch; nothing of it is kept.
      if (result.error.code === 'cancelled') return result;
      failures.push({ files, error: withFile(result.error, label), ...(result.candidates ? { candidates: result.candidates } : {}), ...(result.layerName ? { layerName: result.layerName } : {}) });
    }
  }
  options.onProgress?.({ stage: 'done', fraction: 1 });
  if (layers.length === 0) {
    const [first] = failures;
    return { ok: false, error: first.error, ...(first.candidates ? { candidates: first.candidates } : {}), ...(first.layerName ? { layerName: first.layerName } : {}), failures };
  }
  uniqueLayerNames(layers);
  return { ok: true, layers, warnings, ...(failures.length ? { failures } : {}) };
}
