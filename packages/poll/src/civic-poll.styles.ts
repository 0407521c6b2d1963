// Styles of <civic-poll> beyond the shared theme and UI: the poll and its options. The chunks bring their
// own (ballot-form.ts, ranked.ts, results.ts, receipts.ts), adopted into the shadow root when they arrive.
import { css } from 'lit';

export const styles = css`
  p {
    margin: 0 0 0.5em;
  }
  .heading {
    margin: 0 0 0.5em;
    font-size: 1.5em;
    line-height: 1.2;
  }
  .subheading {
    margin: var(--_space) 0 0.5em;
    font-size: 1.2em;
  }
  .status-line,
  .loading,
  .hint {
    color: var(--_muted);
  }
  .description {
    white-space: pre-line;
  }
  .options {
    margin: 0 0 var(--_space);
    padding-inline-start: 1.25em;
  }
  .option {
    margin-bottom: 0.5em;
  }
  .option__label {
    font-weight: 600;
  }
  .more {
    grid-column: 2;
    color: var(--_muted);
  }
  .image {
    display: block;
    max-width: min(100%, 16em);
    height: auto;
    margin: 0.25em 0;
  }
  .map {
    display: inline-block;
    min-height: 24px;
    color: var(--_link);
  }
  .check {
    margin: var(--_space) 0;
  }
  .check > summary {
    min-height: 24px;
    color: var(--_link);
    text-decoration: underline;
    cursor: pointer;
  }
`;
