// Benchmark of the invoice document renderers (issue 17 §5): PDF rendering p50/p95 per invoice and
// invoices per second per core (CPU time of this single-threaded loop), and UBL generation per
// invoice, for a typical 3-line invoice and a 30-line one. Runs the library's TypeScript through an
// esbuild bundle (packages stay external), in one process, one document at a time.
//
//   node tools/bench/invoice-documents.bench.mjs
//   BENCH_DOCUMENTS=200 node tools/bench/invoice-documents.bench.mjs   (documents per case; default 500)
import { buildSync } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';

const COUNT = Number(process.env.BENCH_DOCUMENTS ?? 500);
const WARM_UP = Math.min(50, COUNT);
const ROOT = resolve(import.meta.dirname, '../..');
const DOCUMENTS = join(ROOT, 'libs/api/billing/src/lib/documents');
const OUT = join(ROOT, 'tmp/bench/invoice-documents.cjs');

mkdirSync(join(ROOT, 'tmp/bench'), { recursive: true });
buildSync({
  stdin: {
    contents: "export * from './pdf'; export * from './ubl'; export * from './document-fixtures.testing';",
    resolveDir: DOCUMENTS,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  outfile: OUT,
  logLevel: 'warning',
});
const lib = createRequire(import.meta.url)(OUT);

const cases = [
  ['3 lines', lib.proration()],
  ['30 lines', lib.thirtyLines()],
];

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(render) {
  for (let i = 0; i < WARM_UP; i++) await render();
  const times = [];
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < COUNT; i++) {
    const start = process.hrtime.bigint();
    await render();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const cpu = process.cpuUsage(cpuBefore);
  times.sort((a, b) => a - b);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { p50: percentile(times, 50), p95: percentile(times, 95), perCoreSecond: COUNT / cpuSeconds };
}

console.log(
  `invoice documents: ${COUNT} per case after ${WARM_UP} warm-up, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
);
console.log('case       PDF p50   PDF p95   PDF/s per core   PDF bytes   UBL p50   UBL p95   UBL/s per core');
for (const [name, doc] of cases) {
  const pdf = await measure(() => lib.renderInvoicePdf(doc));
  const ubl = await measure(async () => lib.renderInvoiceUbl(doc));
  const bytes = (await lib.renderInvoicePdf(doc)).length;
  console.log(
    [
      name.padEnd(9),
      `${pdf.p50.toFixed(2)} ms`.padStart(9),
      `${pdf.p95.toFixed(2)} ms`.padStart(9),
      pdf.perCoreSecond.toFixed(0).padStart(16),
      String(bytes).padStart(11),
      `${ubl.p50.toFixed(2)} ms`.padStart(9),
      `${ubl.p95.toFixed(2)} ms`.padStart(9),
      ubl.perCoreSecond.toFixed(0).padStart(16),
    ].join(' '),
  );
}
