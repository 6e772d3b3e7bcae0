/** "m:ss" left until `expiresAt` (ISO), never negative: the countdown of an access grant. */
export function timeLeft(expiresAt: string | null, now: number): string {
  const left = Math.max(0, (expiresAt ? Date.parse(expiresAt) : 0) - now);
  return `${Math.floor(left / 60_000)}:${String(Math.floor((left % 60_000) / 1000)).padStart(2, '0')}`;
}
