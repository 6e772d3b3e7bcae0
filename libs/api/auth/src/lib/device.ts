import Bowser from 'bowser';
import type { Language } from '@mijn-account/shared-contracts';

const WORDS: Record<Language, { on: string; unknown: string }> = {
  nl: { on: 'op', unknown: 'Onbekend apparaat' },
  en: { on: 'on', unknown: 'Unknown device' },
};

/** "Firefox 128 op Windows 11" from a User-Agent header, in the reader's language, for session lists and alerts. */
export function describeDevice(userAgent: string | null, language: Language): string {
  const words = WORDS[language];
  if (!userAgent) return words.unknown;
  const parsed = Bowser.parse(userAgent);
  const browser = [parsed.browser.name, parsed.browser.version?.split('.')[0]].filter(Boolean).join(' ');
  const os = [parsed.os.name, parsed.os.versionName ?? parsed.os.version].filter(Boolean).join(' ');
  if (!browser && !os) return userAgent.slice(0, 60);
  return os ? `${browser || 'Browser'} ${words.on} ${os}` : browser;
}
