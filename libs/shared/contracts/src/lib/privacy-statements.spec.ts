import { COOKIES, COOKIE_NAMES, parseStatement, safeHref } from './privacy-statements';

describe('parseStatement (the safe Markdown subset of privacy statements)', () => {
  it('reads headings, paragraphs, lists and inline emphasis and links', () => {
    expect(
      parseStatement('# Title\n\nOne line\nand the next, **bold** and *it*.\n\n- a\n- [b](https://x.example)\n1. one'),
    ).toEqual([
      { kind: 'heading', level: 2, content: [{ text: 'Title' }] },
      {
        kind: 'paragraph',
        content: [
          { text: 'One line and the next, ' },
          { text: 'bold', strong: true },
          { text: ' and ' },
          { text: 'it', em: true },
          { text: '.' },
        ],
      },
      { kind: 'list', ordered: false, items: [[{ text: 'a' }], [{ text: 'b', href: 'https://x.example' }]] },
      { kind: 'list', ordered: true, items: [[{ text: 'one' }]] },
    ]);
  });

  it('keeps raw HTML as text and drops link targets that could run script or leave for another host', () => {
    expect(parseStatement('<img src=x onerror=alert(1)>')).toEqual([
      { kind: 'paragraph', content: [{ text: '<img src=x onerror=alert(1)>' }] },
    ]);
    for (const href of [
      'javascript:alert(1)',
      'JAVASCRIPT:x',
      'data:text/html,x',
      '//evil.example',
      '/\\evil',
      'http://x',
    ])
      expect(safeHref(href)).toBeNull();
    for (const href of ['https://a.example/b', 'mailto:p@a.example', '/cookies']) expect(safeHref(href)).toBe(href);
  });
});

describe('COOKIES', () => {
  it('declares every cookie once, with nl and en texts', () => {
    expect(new Set(COOKIE_NAMES).size).toBe(COOKIE_NAMES.length);
    expect(COOKIE_NAMES).toEqual(
      expect.arrayContaining(['ma_sid', '__Host-ma_sid', 'XSRF-TOKEN', 'ma_dev', 'ma_oidc']),
    );
    for (const c of COOKIES) for (const l of ['nl', 'en'] as const) expect(c.purpose[l] && c.duration[l]).toBeTruthy();
  });
});
