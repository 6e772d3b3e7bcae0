/** A cookie's value as the page sees it (`document.cookie`); null when it is not there. */
export function readCookie(document: Document, name: string): string | null {
  for (const part of cookieJarOf(document).split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

/** Writes a cookie for this host (`Path=/`, `SameSite=Lax`, `Secure` over https); `maxAge` 0 removes it. */
export function writeCookie(document: Document, name: string, value: string, maxAgeSeconds: number): void {
  const secure = document.location?.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `${name}=${value}; Max-Age=${maxAgeSeconds}; Path=/; SameSite=Lax${secure}`;
}

/**
 * The document's cookies; none while the server renders a page (ADR 0017): its document is not a
 * browser's, and reading `cookie` there throws (domino: "NotYetImplemented"). What the server
 * needs from the visitor's cookies (the language) it gets from the API with the render.
 */
function cookieJarOf(document: Document): string {
  try {
    return document.cookie ?? '';
  } catch {
    return '';
  }
}
