// Styles of <civic-map-project-editor> beyond the shared theme, UI and form styles.
import { css } from 'lit';

export const styles = css`
  .back {
    margin: 0 0 calc(var(--_space) / 2);
  }
  .back .button {
    margin: 0;
  }
  .projects,
  .review__list,
  .questions,
  .options__list {
    margin: 0 0 var(--_space);
    padding: 0;
    list-style: none;
  }
  .project,
  .review-item {
    margin: 0 0 var(--_space);
    padding: var(--_space) 0 0;
    border-top: 1px solid var(--_border);
  }
  .project__title,
  .review-item__title {
    margin: 0 0 0.25em;
    font-size: 1.2em;
  }
  .project__meta,
  .review-item__meta,
  .review-item__flags-title {
    margin: 0 0 0.5em;
    color: var(--_muted);
  }
  .project--archived .project__title {
    color: var(--_muted);
  }
  .review-item__flags {
    margin: 0 0 0.5em;
  }
  .answers {
    margin: 0 0 0.75em;
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
  .thumbs {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    margin: 0 0 0.75em;
    padding: 0;
    list-style: none;
  }
  .thumbs img {
    display: block;
    object-fit: cover;
  }
  .button--warning {
    background: var(--_error);
    color: #fff;
    box-shadow: 0 2px 0 color-mix(in srgb, var(--_error) 60%, #000);
  }
  .area-map {
    display: block;
    margin: 0 0 calc(var(--_space) * 1.5);
  }
  .categories {
    margin: 0 0 var(--_space);
  }
  .category {
    min-width: 0;
    margin: 0 0 var(--_space);
    padding: var(--_space);
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
  }
  .category__legend {
    padding: 0 0.25em;
    font-size: 1.1em;
    font-weight: 700;
  }
  .questions__heading {
    margin: 0 0 0.5em;
    font-size: 1.05em;
  }
  .question {
    margin: 0 0 var(--_space);
    padding: var(--_space) 0 0 var(--_space);
    border-inline-start: 4px solid color-mix(in srgb, var(--_border) 40%, transparent);
  }
  .question__legend {
    margin: 0 0 0.5em;
    padding: 0;
    font-weight: 700;
  }
  .settings,
  .options {
    margin: 0 0 var(--_space);
  }
  .option {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0 1em;
  }
  .option .field {
    flex: 1 1 16em;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.5em;
  }
  .field--checkbox .hint {
    margin-inline-start: 2em;
  }
  .choice__hint {
    margin: 0;
  }
  .button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  .form-actions {
    margin-top: var(--_space);
  }
  @media (forced-colors: active) {
    .category,
    .project,
    .review-item {
      border-color: CanvasText;
    }
    .button--warning {
      border-color: ButtonText;
    }
  }
`;
