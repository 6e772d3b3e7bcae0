import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/** What a file's content is: bytes at hand, or a generator that yields them piece by piece when its turn comes. */
export type FileSource = Buffer | string | (() => AsyncIterable<Buffer | string>);

export interface ArchiveResult {
  sizeBytes: number;
  sha256: string;
  /** Every file's path and SHA-256 (also written as `manifest.json`, the last entry). */
  files: { path: string; sha256: string; bytes: number }[];
}

/**
 * Writes a ZIP as a stream into `sink`: each file is produced only when the ZIP reaches it (yazl's
 * lazy entries), hashed on its way in, and the output goes out in bounded pieces — memory holds
 * about one file piece and one output chunk at a time, whatever the export's size. The last entry,
 * `manifest.json`, lists the SHA-256 of every file before it.
 */
export async function writeArchive(
  files: { path: string; source: FileSource; compress?: boolean }[],
  sink: Writable,
  manifestHeader: Record<string, unknown>,
): Promise<ArchiveResult> {
  const zip = new ZipFile();
  const hashed: ArchiveResult['files'] = [];
  const mtime = new Date();
  for (const { path, source, compress = true } of files) {
    zip.addReadStreamLazy(path, { mtime, compress }, (cb) => {
      const hash = createHash('sha256');
      let bytes = 0;
      const stream = Readable.from(
        (async function* () {
          const pieces = typeof source === 'function' ? source() : [source];
          for await (const piece of pieces) {
            const buffer = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
            hash.update(buffer);
            bytes += buffer.length;
            yield buffer;
          }
          hashed.push({ path, sha256: hash.digest('hex'), bytes });
        })(),
      );
      cb(null, stream);
    });
  }
  zip.addReadStreamLazy('manifest.json', { mtime }, (cb) =>
    cb(null, Readable.from([Buffer.from(JSON.stringify({ ...manifestHeader, files: hashed }, null, 2))])),
  );
  zip.end();
  const digest = createHash('sha256');
  let sizeBytes = 0;
  await pipeline(
    zip.outputStream,
    async function* (source: AsyncIterable<Buffer | string>) {
      for await (const piece of source) {
        const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
        digest.update(chunk);
        sizeBytes += chunk.length;
        yield chunk;
      }
    },
    sink,
  );
  return { sizeBytes, sha256: digest.digest('hex'), files: hashed };
}

/**
 * A writable that collects output into pieces of `size` bytes and hands each to `store` in order
 * (awaited: back-pressure). The pieces are gathered in one buffer, reused for each: `store` must be
 * done with its piece when its promise settles (a query has sent its parameters by then).
 */
export function chunkSink(size: number, store: (chunkNo: number, data: Buffer) => Promise<void>): Writable {
  const buffer = Buffer.allocUnsafe(size);
  let held = 0;
  let chunkNo = 0;
  const flush = async () => {
    if (held === 0) return;
    const data = buffer.subarray(0, held);
    held = 0;
    await store(++chunkNo, data);
  };
  const take = async (chunk: Buffer) => {
    for (let at = 0; at < chunk.length;) {
      const copied = chunk.copy(buffer, held, at);
      held += copied;
      at += copied;
      if (held === size) await flush();
    }
  };
  return new Writable({
    highWaterMark: size,
    write(chunk: Buffer, _encoding, done) {
      take(chunk).then(() => done(), done);
    },
    final(done) {
      flush().then(() => done(), done);
    },
  });
}
