/**
 * The look of a notice above every page (the statement banner, the cookie banner): one box, a
 * title, a line of actions — in the pages' column (PAGE_STYLES: 48rem, 1rem from a phone's edge),
 * not edge to edge under the header.
 */
export const BANNER_STYLES = `
  :host {
    display: block;
    max-width: 48rem;
    margin: 0 auto;
  }
  /* Room only around a notice shown: an empty banner took 16 px, and the sign-in page, whose cookie
     banner comes after the page is drawn (on idle), moved down by it (a layout shift, CLS 0.011). */
  :host:has(section) {
    padding: 1rem 1rem 0;
  }
  section {
    margin: 0;
    padding: 0.75rem 1rem;
    border: 1px solid var(--mat-sys-outline, #777);
    border-radius: 8px;
    background: var(--mat-sys-surface-container, #f3f3f3);
  }
  h2 {
    font-size: 1.05rem;
    margin: 0 0 0.25rem;
  }
  p {
    margin: 0 0 0.5rem;
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
`;
