// CPU time spent by the portal's Node process and by its PostgreSQL (the embedded server is a child of
// the portal: postmaster, backends, and what exited under them), read from /proc on Linux.
// Saturated throughput on a shared 2-core box moves ±20 % between runs; CPU time per request moves
// less and shows which process pays for a request, so the benchmark prints both.
import { readFileSync, readdirSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux the project runs on

function stat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields are counted after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      ppid: Number(fields[1]),
      own: Number(fields[11]) + Number(fields[12]),
      children: Number(fields[13]) + Number(fields[14]),
    };
  } catch {
    return null; // gone since the directory was listed
  }
}

function processes() {
  const all = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(name);
    if (s) all.set(Number(name), s);
  }
  return all;
}

function descendantsIn(all, pid) {
  const descendants = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const [child, s] of all) {
      if (s.ppid === parent) {
        descendants.push(child);
        queue.push(child);
      }
    }
  }
  return descendants;
}

/** The processes started under `pid`, at any depth. */
export function descendantsOf(pid) {
  return descendantsIn(processes(), pid);
}

/** Seconds of CPU used so far by `pid` itself and by all its descendants (with their reaped children). */
export function cpuSeconds(pid) {
  const all = processes();
  const self = all.get(pid);
  const below = descendantsIn(all, pid).reduce((sum, child) => sum + all.get(child).own + all.get(child).children, 0);
  return { self: (self?.own ?? 0) / TICKS_PER_SECOND, descendants: (below + (self?.children ?? 0)) / TICKS_PER_SECOND };
}

/** Runs `work` and returns its result with the CPU milliseconds per request it cost the process tree. */
export async function withCpu(pid, work) {
  const before = cpuSeconds(pid);
  const result = await work();
  const after = cpuSeconds(pid);
  const requests = result.requests.total;
  return {
    ...result,
    cpu: {
      self: ((after.self - before.self) * 1000) / requests,
      descendants: ((after.descendants - before.descendants) * 1000) / requests,
    },
  };
}
