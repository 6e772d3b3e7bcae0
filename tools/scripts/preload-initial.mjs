#!/usr/bin/env node
// Gives index.html a <link rel="modulepreload"> for every chunk the app's entry imports statically
// (directly or through other chunks). Angular writes at most ten (MODULE_PRELOAD_MAX in
// @angular/build), the least deep first; the rest — here the 216 kB chunk with Angular itself —
// were found only once the entry had arrived, one round trip later on every first page.
//   node tools/scripts/preload-initial.mjs dist/apps/web/browser
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** `import{a as b}from"./chunk-X.js"` and `import"./chunk-X.js"`; not `import("./chunk-X.js")`, which loads later. */
const STATIC_IMPORT = /\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']\.\/([\w.-]+\.js)["']/g;

/** The files `entry` imports statically, transitively, in the order they are first found. */
export async function staticImportsOf(root, entry) {
  const found = new Set();
  const visit = async (file) => {
    for (const [, name] of (await readFile(join(root, file), 'utf8')).matchAll(STATIC_IMPORT)) {
      if (found.has(name) || name === entry) continue;
      found.add(name);
      await visit(name);
    }
  };
  await visit(entry);
  return [...found];
}

/** Adds the missing module preloads to `root`/index.html; returns the files added. */
export async function preloadInitial(root) {
  const indexPath = join(root, 'index.html');
  const html = await readFile(indexPath, 'utf8');
  const entry = /<script src="([\w.-]+\.js)" type="module">/.exec(html)?.[1];
  if (!entry) throw new Error(`${indexPath}: no module script`);
  const missing = (await staticImportsOf(root, entry)).filter((file) => !html.includes(`href="${file}"`));
  if (missing.length > 0) {
    const links = missing.map((file) => `<link rel="modulepreload" href="${file}">`).join('');
    await writeFile(
      indexPath,
      html.replace(/<script src="[\w.-]+\.js" type="module">/, (script) => links + script),
    );
  }
  return missing;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = resolve(process.argv[2] ?? 'dist/apps/web/browser');
  const added = await preloadInitial(root);
  console.log(`modulepreload added to ${join(root, 'index.html')}: ${added.join(', ') || 'none missing'}`);
}
