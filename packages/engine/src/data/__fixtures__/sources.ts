/** Test sources: the same input cut into chunks of any size, as bytes or as text. */

/** Yields `bytes` in pieces of `size` bytes (1 puts every boundary everywhere). */
export async function* byteChunks(bytes: Uint8Array, size = bytes.length || 1): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** UTF-8 bytes of `text` in pieces of `size` bytes. */
export function utf8Chunks(text: string, size?: number): AsyncGenerator<Uint8Array> {
  return byteChunks(new TextEncoder().encode(text), size);
}

/** `text` in string pieces of `size` characters. */
export async function* textChunks(text: string, size = text.length || 1): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/** Collects the records of a stream as [line, fields] pairs. */
export async function collect<T extends { fields: string[]; line: number }>(
  records: AsyncIterable<T>,
): Promise<[number, string[]][]> {
  const out: [number, string[]][] = [];
  for await (const record of records) out.push([record.line, record.fields]);
  return out;
}
