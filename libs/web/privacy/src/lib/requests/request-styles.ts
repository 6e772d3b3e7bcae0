/** Requests as a list of blocks (never a table wider than a phone), the deadline's state coloured. */
export const REQUEST_LIST_STYLES = `
  ul.requests { list-style: none; padding: 0; margin: 0; }
  ul.requests > li { border-bottom: 1px solid #ddd; padding: 0.75rem 0; }
  ul.requests > li.overdue { border-left: 4px solid #b00020; padding-left: 0.75rem; }
  ul.requests > li.due-soon { border-left: 4px solid #8a5a00; padding-left: 0.75rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 0.75rem; margin: 0.5rem 0 0; }
  dt { font-weight: 500; }
  dd { margin: 0; }
  .badge { display: inline-block; padding: 0 0.4rem; border-radius: 4px; font-size: 0.85em; font-weight: 600; }
  .badge.overdue { background: #fde7e9; color: #8e0016; }
  .badge.due-soon { background: #fff4d6; color: #6b4500; }
  .badge.on-time, .badge.closed { background: #eef2ee; color: #1b4d1f; }
  @media (max-width: 599.98px) {
    dl { grid-template-columns: 1fr; }
    dd { margin-bottom: 0.25rem; }
  }
`;
