// BENCH_PIN=1: the servers under test (portal, yardstick) on CPU 0; PostgreSQL and the load generator
// on the other CPUs — the shape of a deployment where the database has a machine of its own. Without
// it, everything shares every CPU and PostgreSQL's work competes with the portal's single thread.
// Linux only (taskset, from util-linux).
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { descendantsOf } from './cpu.mjs';

export const PINNED = process.env.BENCH_PIN === '1';

function taskset(cpuList, pid) {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cpuList, String(pid)], { stdio: 'ignore' });
  } catch (error) {
    // A backend that exited meanwhile cannot be pinned; anything else (no taskset) stops the run.
    if (error.code === 'ENOENT') throw new Error('BENCH_PIN=1 needs taskset (util-linux)');
  }
}

/** Pins a server and everything started under it: the server on CPU 0, its children (PostgreSQL) and this process elsewhere. */
export function pinServer(pid) {
  if (!PINNED) return;
  if (cpus().length < 2) throw new Error('BENCH_PIN=1 needs at least two CPUs');
  const others = cpus().length > 2 ? `1-${cpus().length - 1}` : '1';
  taskset('0', pid);
  // Backends started later fork from the postmaster and inherit its CPUs.
  for (const child of descendantsOf(pid)) taskset(others, child);
  taskset(others, process.pid);
}
