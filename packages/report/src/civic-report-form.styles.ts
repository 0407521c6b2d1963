// Styles of <civic-report-form> beyond the shared theme, UI, form and photo styles.
import { css } from 'lit';

export const styles = css`
  [hidden] {
    display: none !important;
  }
  .caption {
    margin: 0 0 0.25em;
    color: var(--_muted);
  }
  .group {
    margin: 0 0 var(--_space);
  }
  .group__name {
    margin: 0 0 0.5em;
    font-weight: 600;
  }
  .choice__hint {
    display: block;
    margin: 0.15em 0 0;
  }
  .nearby__meta {
    display: block;
  }
  .map {
    margin: 0 0 var(--_space);
  }
  .answers {
    margin: 0 0 calc(var(--_space) * 1.5);
  }
  .answer {
    display: grid;
    grid-template-columns: minmax(8em, 1fr) 2fr auto;
    gap: 0.25em var(--_space);
    padding: 0.5em 0;
    border-bottom: 1px solid var(--_border);
  }
  .answer__key {
    font-weight: 600;
  }
  .answer__value,
  .answer__change {
    margin: 0;
  }
  .answer__text {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .answer__photos {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .answer__photos img {
    display: block;
    width: 64px;
    height: 64px;
    object-fit: cover;
  }
  @media (max-width: 30em) {
    .answer {
      grid-template-columns: 1fr auto;
    }
    .answer__key {
      grid-column: 1 / -1;
    }
  }
  .reference {
    font-size: 1.25em;
    font-weight: 700;
  }
  .success__subtitle {
    margin: var(--_space) 0 0.25em;
    font-size: 1em;
  }
  .link {
    color: var(--_link);
  }
  .sign-in-instead {
    margin: 0 0 calc(var(--_space) * 1.5);
  }
  .sign-in-instead > summary {
    display: inline-block;
    min-height: 24px;
    margin: 0 0 0.5em;
    color: var(--_link);
    text-decoration: underline;
    cursor: pointer;
  }
  .notice > p {
    margin: 0 0 0.5em;
  }
  .notice > .button {
    margin: 0;
  }
`;
