/**
 * ES2024 `ArrayBuffer.prototype.transfer`: the memory moves to a buffer of `byteLength` (grown or
 * cut) and the old buffer is detached at once, instead of a copy that leaves the old one for the
 * garbage collector (an idle page or worker may not collect for a long while). Null where the
 * method is missing (Node 20, older browsers).
 */
export function transferBuffer(buffer: ArrayBufferLike, byteLength: number): ArrayBuffer | null {
  const transfer = (buffer as { transfer?: (length: number) => ArrayBuffer }).transfer;
  return typeof transfer === 'function' ? transfer.call(buffer, byteLength) : null;
}
