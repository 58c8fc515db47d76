/**
 * Cuts a font down to the characters one report uses, with HarfBuzz's hb-subset (the harfbuzzjs
 * WebAssembly build, the same code as subset-font and fontTools-free pyftsubset workflows), so the
 * PDF embeds a few hundred glyphs (~100 KB) instead of the whole 1.9 MB report font. pdf-lib's own
 * subsetting cannot be used: it breaks CID-keyed CFF fonts such as Noto Sans CJK.
 */

interface HarfbuzzSubset {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_WRITABLE = 2;

/** Instantiates hb-subset from its WebAssembly module's bytes or response. */
export async function loadHarfbuzz(source: BufferSource | Promise<Response>): Promise<HarfbuzzSubset> {
  const { instance } = source instanceof Promise ? await WebAssembly.instantiateStreaming(source, {}) : await WebAssembly.instantiate(source, {});
  const exports = instance.exports as unknown as HarfbuzzSubset & { _initialize(): void };
  exports._initialize();
  return exports;
}

/** The font with the glyphs of `text`'s characters only (same outline format, CFF stays CFF). */
export function subsetFont(hb: HarfbuzzSubset, font: Uint8Array, text: string): Uint8Array {
  // The memory may grow while subsetting, which detaches older views: take a fresh one each time.
  const heap = () => new Uint8Array(hb.memory.buffer);
  const input = hb.hb_subset_input_create_or_fail();
  if (input === 0) throw new Error('hb_subset_input_create_or_fail failed');
  const buffer = hb.malloc(font.byteLength);
  heap().set(font, buffer);
  const blob = hb.hb_blob_create(buffer, font.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
  const face = hb.hb_face_create(blob, 0);
  hb.hb_blob_destroy(blob);
  const unicodes = hb.hb_subset_input_unicode_set(input);
  for (const c of text) hb.hb_set_add(unicodes, c.codePointAt(0)!);
  const subset = hb.hb_subset_or_fail(face, input);
  hb.hb_subset_input_destroy(input);
  try {
    if (subset === 0) throw new Error('hb_subset_or_fail failed: the font cannot be subset');
    const result = hb.hb_face_reference_blob(subset);
    const offset = hb.hb_blob_get_data(result, 0);
    const length = hb.hb_blob_get_length(result);
    const bytes = heap().slice(offset, offset + length);
    hb.hb_blob_destroy(result);
    if (length === 0) throw new Error('hb-subset returned an empty font');
    return bytes;
  } finally {
    if (subset !== 0) hb.hb_face_destroy(subset);
    hb.hb_face_destroy(face);
    hb.free(buffer);
  }
}
