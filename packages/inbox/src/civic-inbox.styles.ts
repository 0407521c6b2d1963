// Styles of <civic-inbox> beyond the shared theme, UI and form styles.
import { css } from 'lit';

export const styles = css`
  [hidden] {
    display: none !important;
  }
  .muted {
    color: var(--_muted);
  }
  .back {
    margin: 0 0 calc(var(--_space) / 2);
  }
  .back .button {
    margin: 0;
  }
  .notice--problem {
    border-inline-start-color: var(--_error);
  }
  .notice p {
    margin: 0 0 0.5em;
  }
  .success--small {
    padding: 0.5em 0.75em;
    border-width: 0;
    border-inline-start-width: 4px;
  }

  /* The desk's sections. */
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em;
    margin: 0 0 var(--_space);
    border-bottom: 1px solid var(--_border);
  }
  .tab {
    min-height: 44px;
    margin: 0 0 -1px;
    padding: 0.5em 1em;
    border: 1px solid transparent;
    border-bottom: 0;
    background: none;
    color: var(--_link);
    font: inherit;
    cursor: pointer;
  }
  .tab[aria-selected='true'] {
    border-color: var(--_border);
    background: var(--_background);
    color: var(--_text);
    font-weight: 600;
  }

  /* Filters. */
  .filters {
    margin: 0 0 var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .filters__grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(13em, 1fr));
    gap: 0 var(--_space);
  }
  .filters .field {
    margin-bottom: var(--_space);
  }
  .filters .actions .button {
    margin-bottom: 0;
  }

  /* The list. */
  .results-bar {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0 var(--_space);
  }
  .map-frame {
    margin: 0 0 var(--_space);
  }
  .map {
    display: block;
  }
  .table-wrap {
    max-width: 100%;
    margin: 0 0 var(--_space);
    overflow-x: auto;
  }
  .reports {
    width: 100%;
    border-collapse: collapse;
  }
  .reports__caption {
    padding: 0 0 0.5em;
    color: var(--_muted);
    text-align: start;
  }
  .reports th,
  .reports td {
    padding: 0.5em;
    border-bottom: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }
  .reports thead th {
    font-weight: 600;
  }
  .reports__select {
    width: 2.5em;
  }
  .reports__select .choice__input {
    width: 1.5em;
    height: 1.5em;
    margin: 0.1em 0 0;
    accent-color: var(--_primary);
  }
  .reports__open {
    margin: 0;
    font-weight: 600;
    white-space: nowrap;
  }
  .report-row--selected {
    background: var(--civic-color-selected, color-mix(in srgb, var(--_primary) 10%, transparent));
  }
  .reports__category {
    display: block;
    font-weight: 600;
  }
  .reports__description,
  .reports__address,
  .reports__expected,
  .reports__age {
    display: block;
  }
  .reports__address,
  .reports__age,
  .reports__expected {
    color: var(--_muted);
  }
  .status-tag {
    display: inline-block;
    padding: 0.1em 0.5em;
    border: 2px solid var(--_primary);
    font-weight: 600;
  }
  .status-tag--closed {
    border-color: var(--_muted);
    color: var(--_muted);
  }
  .bulk {
    margin: var(--_space) 0 0;
    padding: var(--_space) 0 0;
    border-top: 4px solid var(--_border);
  }
  .bulk__count {
    margin: 0 0 var(--_space);
    font-weight: 600;
  }
  .bulk__failures {
    margin: 0 0 0.5em;
  }

  /* One report. */
  .report__layout {
    display: grid;
    grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
    gap: calc(var(--_space) * 2);
  }
  @media (max-width: 50em) {
    .report__layout {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .summary {
    margin: 0 0 var(--_space);
  }
  .summary__row {
    display: grid;
    grid-template-columns: minmax(8em, 1fr) 2fr;
    gap: 0 var(--_space);
    padding: 0.5em 0;
    border-bottom: 1px solid var(--_border);
  }
  .summary dt {
    font-weight: 600;
  }
  .summary dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .report__description {
    margin: 0 0 var(--_space);
    white-space: pre-line;
  }
  .answers {
    margin: 0 0 var(--_space);
  }
  .answers div {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5em;
  }
  .answers dt {
    font-weight: 600;
  }
  .answers dt::after {
    content: ':';
  }
  .answers dd {
    margin: 0;
  }
  .photos {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin: 0 0 var(--_space);
    padding: 0;
    list-style: none;
  }
  .photo img,
  .dialog__photo {
    display: block;
    object-fit: cover;
  }
  .photo .button {
    margin: 0.25em 0 0;
  }
  .timeline {
    margin: 0 0 var(--_space);
    padding: 0;
    list-style: none;
  }
  .timeline__entry {
    padding: 0.5em 0 0.5em var(--_space);
    border-inline-start: 4px solid var(--_border);
  }
  .timeline__what,
  .timeline__meta {
    margin: 0;
  }
  .timeline__meta {
    color: var(--_muted);
  }
  .timeline__note {
    margin: 0.25em 0 0;
    white-space: pre-line;
  }
  .timeline__label {
    font-weight: 600;
  }
  .timeline__note--internal {
    padding: 0.25em 0.5em;
    border: 2px dashed var(--_border);
  }
  .action-form {
    margin: 0 0 var(--_space);
    padding: 0 0 var(--_space);
    border-bottom: 1px solid var(--_border);
  }
  .action-form__heading {
    margin: 0 0 0.5em;
    font-size: 1.1em;
  }
  .merge-target {
    margin: 0 0 var(--_space);
    padding: 0.5em 0.75em;
    border: 2px solid var(--_border);
  }
  .merge-target p {
    margin: 0 0 0.25em;
  }
  .button--warning {
    background: var(--_error);
    color: #fff;
    box-shadow: 0 2px 0 color-mix(in srgb, var(--_error) 60%, #000);
  }
  /* The comments queue. */
  .queue {
    margin: 0 0 var(--_space);
    padding: 0;
    list-style: none;
  }
  .queue-item {
    margin: 0 0 var(--_space);
    padding: 0.75em var(--_space);
    border: 1px solid var(--_border);
  }
  .queue-item__title {
    margin: 0 0 0.25em;
    font-size: 1.1em;
  }
  .queue-item__body {
    margin: 0.5em 0;
    padding: 0 0 0 0.75em;
    border-inline-start: 4px solid var(--_border);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .queue-item__subheading {
    margin: 0.5em 0 0.25em;
    font-size: 1em;
  }
  .queue-item__flags,
  .plain-list {
    margin: 0 0 0.5em;
    padding-inline-start: 1.25em;
  }
  .plain-list li {
    margin: 0 0 0.5em;
  }
  .queue-item__actions,
  .button-group {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: center;
  }
  .queue-item__actions .button,
  .button-group .button {
    margin: 0;
  }
  .disclosure {
    margin: var(--_space) 0 0;
  }
  .disclosure summary {
    cursor: pointer;
    color: var(--_primary);
    text-decoration: underline;
  }
  .button--small {
    padding: 0.25em 0.5em;
    font-size: 0.9em;
  }
  @media (forced-colors: active) {
    .queue-item,
    .status-tag,
    .tab[aria-selected='true'],
    .timeline__note--internal,
    .merge-target {
      border-color: CanvasText;
    }
    .report-row--selected {
      outline: 2px solid Highlight;
    }
  }
`;
