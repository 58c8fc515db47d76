/**
 * Importing a file that is already open (the same file chosen again): the same file name, feature
 * count, vertex count and extent. The UI then asks whether to replace the open layer or keep both,
 * instead of silently doubling the layer and its statistics columns.
 */

/** What is compared: both an open layer's record and a freshly imported layer have it. */
interface ImportIdentity {
  fileName: string;
  name: string;
  featureCount: number;
  vertexCount: number;
  bbox?: readonly number[];
}

function sameBbox(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) <= 1e-9);
}

/** The open layer the new one repeats, if any. */
export function findSameImport<T extends ImportIdentity>(open: readonly T[], incoming: ImportIdentity): T | undefined {
  return open.find(
    (o) => o.fileName === incoming.fileName && o.featureCount === incoming.featureCount && o.vertexCount === incoming.vertexCount && sameBbox(o.bbox, incoming.bbox),
  );
}
