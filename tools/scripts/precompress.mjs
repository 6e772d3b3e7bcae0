#!/usr/bin/env node
// Writes a brotli (.br) and a gzip (.gz) copy beside every compressible file of a built web app, at
// the highest levels (done once at build time, so the server never compresses per request):
// @fastify/static (`preCompressed: true`) serves the copy the browser accepts.
//   node tools/scripts/precompress.mjs dist/apps/web/browser
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';

const COMPRESSIBLE = /\.(html|js|mjs|css|json|svg|txt|ico|map|webmanifest|xml)$/i;
/** Below this, a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

async function* filesUnder(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/** Compresses every file of `root` worth compressing; returns what was written. */
export async function precompress(root) {
  const written = [];
  for await (const path of filesUnder(root)) {
    if (!COMPRESSIBLE.test(path) || (await stat(path)).size < MIN_BYTES) continue;
    const source = await readFile(path);
    const [br, gzipped] = await Promise.all([
      brotli(source, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
        },
      }),
      gz(source, { level: constants.Z_BEST_COMPRESSION }),
    ]);
    // A copy that is not smaller is left out; the server then sends the file itself.
    if (br.length < source.length) await writeFile(`${path}.br`, br);
    if (gzipped.length < source.length) await writeFile(`${path}.gz`, gzipped);
    written.push({ file: relative(root, path), bytes: source.length, br: br.length, gzip: gzipped.length });
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const root = process.argv[2];
  if (!root) {
    console.error('usage: node tools/scripts/precompress.mjs <built web app folder>');
    process.exit(2);
  }
  const written = await precompress(root);
  const sum = (key) => written.reduce((total, file) => total + file[key], 0);
  console.log(
    `precompressed ${written.length} files in ${root}: ${Math.round(sum('bytes') / 1024)} KiB → ` +
      `brotli ${Math.round(sum('br') / 1024)} KiB, gzip ${Math.round(sum('gzip') / 1024)} KiB`,
  );
}
