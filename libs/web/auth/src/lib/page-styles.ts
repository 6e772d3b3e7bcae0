/** The centred card every sign-in related page uses. */
export const CARD_PAGE_STYLES = `
  :host { display: flex; justify-content: center; padding: 2rem 1rem; }
  mat-card { width: min(30rem, 100%); padding: 1rem; }
  form { display: flex; flex-direction: column; gap: 0.5rem; }
  .error { color: #b00020; margin: 0 0 1rem; }
  .note { margin: 0 0 1rem; }
  .links { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; margin-top: 1rem; }
  .providers { display: flex; flex-direction: column; gap: 0.5rem; margin: 1rem 0; }
`;
