// What one password hash costs on this machine (ADR 0016, docs/scale.md): argon2id with the
// portal's parameters (HASH_PARAMETERS in libs/api/auth/src/lib/password-hasher.ts) beside the
// library's defaults it used before 2026-11-30, alternating, CPU (all threads of the process) and
// wall time per hash, median and range over the rounds.
//
//   node tools/bench/password-hash.bench.mjs
//   BENCH_ROUNDS=5 BENCH_HASHES=10 node tools/bench/password-hash.bench.mjs
import { loadavg } from 'node:os';
import { argon2id, hash } from 'argon2';
import { machine } from './bench-portal.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const HASHES = Number(process.env.BENCH_HASHES ?? 8);
const SETTINGS = {
  'portal (19 MiB, t=2, p=1)': { memoryCost: 19_456, timeCost: 2, parallelism: 1 },
  'library default (64 MiB, t=3, p=4)': { memoryCost: 65_536, timeCost: 3, parallelism: 4 },
};

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const spread = (values) =>
  `${median(values).toFixed(0)} (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;

const results = Object.fromEntries(Object.keys(SETTINGS).map((name) => [name, { cpu: [], wall: [] }]));
console.log(
  `password hash — ${machine()}; ${ROUNDS} rounds of ${HASHES} hashes per setting, load ${loadavg()[0].toFixed(1)}`,
);
for (let round = 1; round <= ROUNDS; round++) {
  for (const [name, options] of Object.entries(SETTINGS)) {
    const cpu = [];
    const wall = [];
    for (let i = 0; i < HASHES; i++) {
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      await hash(`a password of round ${round}`, { type: argon2id, ...options });
      wall.push(performance.now() - started);
      const used = process.cpuUsage(cpuBefore);
      cpu.push((used.user + used.system) / 1000);
    }
    results[name].cpu.push(median(cpu));
    results[name].wall.push(median(wall));
    console.log(
      `round ${round}: ${name}: CPU ${median(cpu).toFixed(0)} ms, wall ${median(wall).toFixed(0)} ms per hash`,
    );
  }
}
console.log(`\nmedian of the rounds' medians (range), load ${loadavg()[0].toFixed(1)}:`);
for (const [name, { cpu, wall }] of Object.entries(results))
  console.log(`  ${name}: CPU ${spread(cpu)} ms, wall ${spread(wall)} ms per hash`);
