/** A page's card, inside the page or inside a component of its own (a page's styles do not reach into those). */
export const CARD_STYLES = `
  mat-card { padding: 1rem; margin-top: 1rem; }
`;

/**
 * The layout every page of Mijn account and of the staff shares (a page sets only its own
 * `max-width` on `:host`): centred column, card spacing, message colours, rows of fields, tables. The sign-in pages use
 * web-auth's centred card instead.
 */
export const PAGE_STYLES = `
  :host { display: block; max-width: 48rem; margin: 0 auto; padding: 1.5rem 1rem; overflow-wrap: anywhere; }
  ${CARD_STYLES}
  /* One size for a card's title on every page (a page may still set its own). */
  h2 { font-size: 1.25rem; line-height: 1.3; margin: 0 0 0.5rem; }
  .error { color: #b00020; }
  .ok, .status { color: #1b5e20; }
  .row { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: baseline; }
  /* A field in a row takes the room there is (a whole line on a phone): at its own width a label was cut off. */
  .row > mat-form-field { flex: 1 1 14rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.4rem 0.5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
  /* On a phone: less padding, and table cells wrap anywhere (long e-mail addresses) so a table fits its card. */
  @media (max-width: 599px) {
    :host { padding: 1rem 0.75rem; }
    h1 { font-size: 1.75rem; line-height: 1.25; }
    th, td { padding: 0.4rem 0.25rem; }
  }
  /* A long Dutch title ("Verwerkingsregister", "Abonnementsvormen") fits a 360 px line instead of breaking mid-word. */
  @media (max-width: 399px) {
    h1 { font-size: 1.5rem; }
  }
`;

/**
 * The forms of the privacy, finance and admin pages, added after `PAGE_STYLES` (a page's own block
 * after both may adjust a rule): a field a line, `.fields` side by side where there is room,
 * `.pair` two columns that stack on a phone, unit suffixes that do not wrap, and `.actions` (a
 * form's or an item's buttons) in a row that wraps.
 */
export const FORM_STYLES = `
  mat-form-field { display: block; }
  [matTextSuffix] { white-space: nowrap; }
  /* 16rem: a Dutch label ("Omschrijving in het Nederlands") fits its empty field; at 14rem it was cut off. */
  .fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 0 1rem; }
  .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1rem; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.5rem; }
  @media (max-width: 599px) {
    .pair { grid-template-columns: 1fr; }
  }
`;

/**
 * Tables with class `stacked` become a list of cards below 600 px, one a row, each a block of
 * "label: value" lines (the label from the cell's `data-label`, hidden from screen readers, which keep
 * the table's own headers). The header's cells become blocks in the 1 px header too: left as table
 * cells, they made the table wider than a 360 px screen. Used by the helpdesk console, finance, the
 * security page (sessions, sign-in history) and the members page.
 */
export const STACKED_TABLE_STYLES = `
  @media (max-width: 599.98px) {
    table.stacked thead {
      position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
    }
    table.stacked, table.stacked thead tr, table.stacked th, table.stacked tbody, table.stacked tr, table.stacked td {
      display: block;
    }
    table.stacked tbody tr { border: 1px solid #ddd; border-radius: 8px; padding: 0.5rem 0.75rem; margin-bottom: 0.5rem; }
    table.stacked td { border: 0; padding: 0.15rem 0; }
    table.stacked td:first-child:not([data-label]) { font-weight: 500; }
    table.stacked td[data-label]::before { content: attr(data-label) ': ' / ''; font-weight: 500; }
    table.stacked caption { display: block; text-align: left; }
  }
`;
