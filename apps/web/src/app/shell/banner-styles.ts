/** The look of a notice above every page (the statement banner, the cookie banner): one box, a title, a line of actions. */
export const BANNER_STYLES = `
  :host {
    display: block;
  }
  section {
    margin: 0 0 1rem;
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
