// Styles of <civic-report-list> beyond the shared theme and UI: the reports, their status, details and timeline.
import { css } from 'lit';

export const styles = css`
  :host {
    --_open: var(--civic-report-open-color, #1d70b8);
    --_closed: var(--civic-report-closed-color, #00703c);
    --_gap: var(--civic-report-gap, var(--_space));
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_open: var(--civic-report-open-color, #8ec5ff);
      --_closed: var(--civic-report-closed-color, #5fd38d);
    }
  }
  p {
    margin: 0 0 0.5em;
  }
  .count {
    color: var(--_muted);
  }
  .reports {
    display: grid;
    gap: var(--_gap);
    margin: 0 0 var(--_space);
    padding: 0;
    list-style: none;
  }
  .report {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-inline-start-width: 5px;
    border-radius: var(--_radius);
    background: var(--_background);
  }
  .report--open {
    border-inline-start-color: var(--_open);
  }
  .report--closed {
    border-inline-start-color: var(--_closed);
    border-inline-start-style: double;
  }
  .report__title {
    margin: 0 0 0.25em;
    font-size: 1.15em;
    font-weight: 700;
  }
  .report__status {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  .state {
    display: inline-flex;
    align-items: center;
    gap: 0.3em;
    padding: 0.1em 0.5em;
    border: 2px solid currentColor;
    border-radius: 1em;
    font-weight: 700;
  }
  .state--open {
    color: var(--_open);
  }
  .state--closed {
    color: var(--_closed);
  }
  .state__icon {
    flex: none;
  }
  .state__tick {
    stroke: var(--_background);
  }
  .status-label {
    font-weight: 600;
  }
  .facts {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: 0.15em 1em;
    margin: 0 0 var(--_space);
  }
  .fact {
    display: contents;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .reference {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  .toggle {
    margin: 0;
  }
  .details:not([hidden]) {
    margin-top: var(--_space);
    padding-top: var(--_space);
    border-top: 1px solid var(--_border);
  }
  .description,
  .entry__note {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .meta,
  .entry__meta,
  .loading {
    color: var(--_muted);
  }
  .details__heading {
    margin: var(--_space) 0 0.5em;
    font-weight: 700;
  }
  .photos {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .photos a {
    display: block;
  }
  .photos img {
    display: block;
    width: 6rem;
    height: 6rem;
    object-fit: cover;
    border: 1px solid var(--_border);
  }
  .timeline {
    margin: 0 0 var(--_space);
    padding: 0;
    list-style: none;
  }
  .entry {
    position: relative;
    padding-inline-start: 1.5em;
    padding-bottom: 0.5em;
    border-inline-start: 2px solid var(--_border);
    margin-inline-start: 0.4em;
  }
  .entry::before {
    content: '';
    position: absolute;
    inset-inline-start: -0.45em;
    top: 0.3em;
    width: 0.8em;
    height: 0.8em;
    border: 2px solid var(--_border);
    border-radius: 50%;
    background: var(--_background);
  }
  .entry:last-child {
    border-inline-start-color: transparent;
  }
  .entry__title {
    margin: 0;
    font-weight: 600;
  }
  .entry__meta {
    margin: 0 0 0.25em;
  }
  .actions {
    margin-top: var(--_space);
  }
  .actions__buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  .actions__buttons .button {
    margin: 0;
  }
  .actions__note {
    color: var(--_muted);
  }
  .error-message {
    margin-top: 0.5em;
  }
  .problem {
    padding-inline-start: 0.75em;
    border-inline-start: 4px solid var(--_error);
  }
  .empty,
  .signed-out,
  .locate {
    margin: 0 0 var(--_space);
  }
  .more {
    margin: 0;
  }
  @media (forced-colors: active) {
    .report,
    .state,
    .photos img {
      border-color: CanvasText;
    }
    .state__icon {
      color: CanvasText;
    }
    .state__tick {
      stroke: Canvas;
    }
  }
`;
