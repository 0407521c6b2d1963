// Styles of the forms (<civic-contribution-form>, <civic-map-project-editor>, <civic-report-form>):
// fieldsets, radios, checkboxes, selects, textareas, hints and counts (fields-form.ts's questions),
// and the photo list, beyond the shared UI styles.
import { css } from 'lit';

// Marked pure: the core index re-exports these, and a bundle that uses neither (<civic-sign-in>) must not carry them.
export const formStyles = /* @__PURE__ */ css`
  form {
    margin: 0;
  }
  .heading {
    margin: 0 0 var(--_space);
    font-size: 1.5em;
    line-height: 1.2;
  }
  .subheading {
    margin: 0 0 calc(var(--_space) / 2);
    font-size: 1.2em;
    line-height: 1.25;
  }
  .lead {
    margin: 0 0 var(--_space);
  }
  .fieldset {
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .legend {
    padding: 0;
  }
  .field-marker {
    font-weight: 400;
    color: var(--_muted);
  }
  .radios,
  .checkboxes {
    display: grid;
    gap: 0.5em;
  }
  .radios--inline {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1.5em;
  }
  .choice {
    display: flex;
    align-items: flex-start;
    gap: 0.5em;
  }
  .choice__input {
    flex: none;
    width: 1.5em;
    height: 1.5em;
    margin: 0.1em 0 0;
    accent-color: var(--_primary);
  }
  .choice__label {
    padding-top: 0.1em;
    cursor: pointer;
  }
  .swatch {
    display: inline-block;
    width: 0.9em;
    height: 0.9em;
    margin-inline-end: 0.4em;
    border: 1px solid var(--_border);
    border-radius: 50%;
    vertical-align: -0.05em;
  }
  .textarea {
    max-width: 40em;
    min-height: 6em;
    resize: vertical;
  }
  .select {
    appearance: auto;
  }
  .input.width-10 {
    max-width: 10em;
    letter-spacing: normal;
  }
  .input.width-15 {
    max-width: 15em;
  }
  .input.width-5 {
    max-width: 6em;
  }
  .with-unit {
    display: flex;
    align-items: center;
    gap: 0.5em;
  }
  .count {
    margin-top: 0.25em;
    color: var(--_muted);
  }
  .count--over {
    color: var(--_error);
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 1em;
  }
  .success {
    margin: 0 0 var(--_space);
    padding: var(--_space);
    border: 4px solid var(--_success);
  }
  .success:focus {
    outline: 3px solid var(--_focus);
  }
  .success__title {
    margin: 0 0 0.5em;
    font-size: 1.2em;
  }
  .success p {
    margin: 0 0 0.5em;
  }
  input[type='file'].input {
    padding: 0.5em;
  }
  input[type='color'].input {
    max-width: 5em;
    padding: 0.15em;
  }
  @media (forced-colors: active) {
    .success,
    .swatch {
      border-color: CanvasText;
    }
  }
`;

/** The photo list (photo-list.ts). */
export const photoStyles = /* @__PURE__ */ css`
  .photos {
    display: grid;
    gap: 0.75em;
    margin: 0.75em 0 0;
    padding: 0;
    list-style: none;
  }
  .photo {
    display: flex;
    align-items: flex-start;
    gap: 0.75em;
  }
  .photo--failed .photo__status {
    color: var(--_error);
    font-weight: 600;
  }
  .photo__preview {
    flex: none;
    width: 80px;
    height: 80px;
    object-fit: cover;
    background: color-mix(in srgb, var(--_border) 20%, transparent);
  }
  .photo__body {
    flex: 1;
    min-width: 0;
  }
  .photo__name,
  .photo__status {
    margin: 0 0 0.25em;
    overflow-wrap: anywhere;
  }
  .photo__remove {
    flex: none;
    margin: 0;
  }
  .progress {
    width: 100%;
    max-width: 20em;
    height: 0.75em;
    accent-color: var(--_primary);
  }
`;
