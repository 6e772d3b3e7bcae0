// Adds lock entries for platform-specific optional packages that the registry this workspace is
// installed from does not serve (it mirrors only some platforms' builds). Without them `npm ci`
// refuses the lock as "out of sync". Each entry carries the os/cpu/libc the package declares, so
// npm skips it on every other platform and never fetches it here. Run after `npm install`:
//   node tools/scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const OS = ['android', 'darwin', 'freebsd', 'linux', 'win32', 'openbsd', 'openharmony', 'netbsd', 'sunos'];
const CPU = [
  ['arm64', 'arm64'],
  ['aarch64', 'arm64'],
  ['x64', 'x64'],
  ['ia32', 'ia32'],
  ['loong64', 'loong64'],
  ['ppc64', 'ppc64'],
  ['riscv64', 'riscv64'],
  ['s390x', 's390x'],
  ['arm', 'arm'],
  ['wasm32', 'wasm32'],
];
const SPECIAL = {
  'sass-embedded-all-unknown': { cpu: ['!arm', '!arm64', '!riscv64', '!x64'] },
  'sass-embedded-unknown-all': { os: ['!android', '!darwin', '!linux', '!win32'] },
};

function platformOf(name) {
  const base = name.split('/').pop();
  if (SPECIAL[base]) return SPECIAL[base];
  const tokens = base.split('-');
  const os = OS.find((o) => tokens.includes(o));
  const cpu = CPU.find(
    ([token]) => tokens.includes(token) || tokens.some((t) => t.startsWith(token) && token === 'arm'),
  )?.[1];
  if (!os || !cpu) return null;
  const result = { os: [os], cpu: [cpu] };
  if (os === 'linux') result.libc = [tokens.some((t) => t.startsWith('musl')) ? 'musl' : 'glibc'];
  return result;
}

const file = 'package-lock.json';
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    const platform = platformOf(name);
    if (!platform) {
      console.warn(`left alone (no platform in its name): ${name}@${spec} for ${path}`);
      continue;
    }
    packages[`node_modules/${name}`] = {
      version: String(spec).replace(/^[\^~=]/, ''),
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...platform,
    };
    added += 1;
  }
}
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} platform-only lock entries`);
