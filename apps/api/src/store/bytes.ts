/** Typed arrays ↔ Prisma Bytes (little-endian, as every supported platform stores them). */
export function toBytes(
  values: Int32Array | Uint32Array | Float32Array | Float64Array,
): Uint8Array<ArrayBuffer> {
  return new Uint8Array(
    values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength) as ArrayBuffer,
  );
}

export function int32sOf(bytes: Uint8Array): Int32Array {
  return new Int32Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
}

export function float32sOf(bytes: Uint8Array, count = bytes.byteLength / 4): Float32Array {
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + count * 4) as ArrayBuffer);
}

export function float64sOf(bytes: Uint8Array): Float64Array {
  return new Float64Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
}
