/** The layout both homes share: a grid of cards that becomes one column on a phone. */
export const HOME_STYLES = `
  :host { display: block; }
  .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 17rem), 1fr)); gap: 1rem; margin-top: 1rem; }
  ul.items { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.5rem; }
  .count { font-variant-numeric: tabular-nums; font-weight: 600; }
  .muted { color: var(--mat-sys-on-surface-variant); }
  .done::before { content: '✓ '; color: #1b5e20; font-weight: 700; }
  .todo::before { content: '! '; color: #b00020; font-weight: 700; }
  p { margin: 0.25rem 0; }
`;
