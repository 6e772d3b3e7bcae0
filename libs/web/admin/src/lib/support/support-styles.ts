import { CARD_STYLES, STACKED_TABLE_STYLES } from '@mijn-account/web-ui';

/**
 * The layout the parts of the helpdesk console share (the page itself uses PAGE_STYLES): cards,
 * rows of fields that wrap, and tables that stay inside a phone's width (`table.stacked`: cards below
 * 600 px, STACKED_TABLE_STYLES); long values (e-mail addresses, tickets) wrap.
 */
export const SUPPORT_PART_STYLES = `
  :host { display: block; }
  ${CARD_STYLES}
  .row { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: baseline; }
  .row mat-form-field { flex: 1 1 14rem; min-width: 0; }
  .wide { width: 100%; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.4rem 0.5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
  td, dd, p, span { overflow-wrap: anywhere; }
  ${STACKED_TABLE_STYLES}
`;
