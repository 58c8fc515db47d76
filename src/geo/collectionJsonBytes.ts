/**
 * A FeatureCollection's JSON as UTF-8 bytes, the same bytes as
 * `new TextEncoder().encode(JSON.stringify(collection))`, written feature by feature into one
 * growing buffer. The whole text is never one string: for a 50 MB layer with Chinese properties
 * that string was ~100 MB (V8 keeps it as UTF-16) beside the bytes, at the import worker's peak.
 */
import { transferBuffer } from './transferBuffer.ts';

/** Feature texts are gathered to about this many characters before being encoded. */
const CHUNK_CHARS = 1 << 16;

class Utf8Writer {
  private array: Uint8Array<ArrayBuffer>;
  private length = 0;
  private readonly encoder = new TextEncoder();

  constructor(initialBytes: number) {
    this.array = new Uint8Array(initialBytes);
  }

  write(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    const needed = this.length + text.length * 3;
    if (needed > this.array.length) {
      let size = this.array.length * 2;
      while (size < needed) size *= 2;
      const moved = transferBuffer(this.array.buffer, size);
      if (moved) this.array = new Uint8Array(moved);
      else {
        const next = new Uint8Array(size);
        next.set(this.array.subarray(0, this.length));
        this.array = next;
      }
    }
    this.length += this.encoder.encodeInto(text, this.array.subarray(this.length)).written;
  }

  done(): Uint8Array<ArrayBuffer> {
    const moved = transferBuffer(this.array.buffer, this.length);
    return moved ? new Uint8Array(moved) : this.array.slice(0, this.length);
  }
}

export function collectionJsonBytes(collection: object, initialBytes = 1 << 20): Uint8Array<ArrayBuffer> {
  const out = new Utf8Writer(initialBytes);
  out.write('{');
  let first = true;
  for (const [key, value] of Object.entries(collection)) {
    const name = `${first ? '' : ','}${JSON.stringify(key)}:`;
    if (key === 'features' && Array.isArray(value)) {
      out.write(`${name}[`);
      let pending = '';
      value.forEach((feature: unknown, i) => {
        // As in JSON.stringify of an array: what has no JSON (undefined) is written as null.
        pending += `${i ? ',' : ''}${JSON.stringify(feature) ?? 'null'}`;
        if (pending.length >= CHUNK_CHARS) {
          out.write(pending);
          pending = '';
        }
      });
      out.write(`${pending}]`);
    } else {
      const text = JSON.stringify(value) as string | undefined;
      // JSON.stringify leaves out members whose value has no JSON.
      if (text === undefined) continue;
      out.write(name + text);
    }
    first = false;
  }
  out.write('}');
  return out.done();
}
