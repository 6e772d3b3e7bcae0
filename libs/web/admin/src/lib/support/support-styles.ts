/**
 * The layout the parts of the helpdesk console share (the page itself uses PAGE_STYLES): cards,
 * rows of fields that wrap, and tables that stay inside a phone's width. Below 600 px a table is a
 * list of cards, one a row, each a block of "label: value" lines (the label from the cell's
 * `data-label`, hidden from screen readers, which keep the table's own headers); long values (e-mail
 * addresses, tickets) wrap. The header's cells become blocks in the 1 px header too (as in the
 * invoice list): left as table cells, they made the table wider than a 360 px screen.
 */
export const SUPPORT_PART_STYLES = `
  :host { display: block; }
  mat-card { padding: 1rem; margin-top: 1rem; }
  .row { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: baseline; }
  .row mat-form-field { flex: 1 1 14rem; min-width: 0; }
  .wide { width: 100%; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.4rem 0.5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
  td, dd, p, span { overflow-wrap: anywhere; }
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
  }
`;
