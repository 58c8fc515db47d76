/** A larger copy of `a` (length `size`) keeping its first `used` values: for grow-only buffers. */
export function growFloat(a: Float64Array, size: number, used: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(size);
  b.set(a.subarray(0, used));
  return b;
}

/** As `growFloat`, for Int32Array. */
export function growInt(a: Int32Array, size: number, used: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a.subarray(0, used));
  return b;
}
