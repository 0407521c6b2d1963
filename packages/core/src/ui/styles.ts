// Styles of the shared UI templates (button, field, error summary, notice, dialog).
import { css } from 'lit';

export const uiStyles = css`
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
    min-height: 44px;
    min-width: 44px;
    margin: 0 0 var(--_space);
    padding: 0.5em 1em;
    border: 2px solid transparent;
    border-radius: var(--_radius);
    font: inherit;
    font-weight: 600;
    line-height: 1.2;
    cursor: pointer;
  }
  .button--primary {
    background: var(--_primary);
    color: var(--_primary-text);
    box-shadow: 0 2px 0 color-mix(in srgb, var(--_primary) 60%, #000);
  }
  .button--secondary {
    background: var(--_background);
    color: var(--_link);
    border-color: currentColor;
  }
  .button--link {
    min-height: 24px;
    min-width: 24px;
    padding: 0;
    background: none;
    color: var(--_link);
    font-weight: 400;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  /* Buttons and links take the theme's one focus style (:focus-visible). */
  .button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  .spinner {
    width: 1em;
    height: 1em;
    border: 0.15em solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: civic-spin 0.8s linear infinite;
  }
  @keyframes civic-spin {
    to {
      transform: rotate(360deg);
    }
  }
  .field {
    margin: 0 0 calc(var(--_space) * 1.5);
  }
  .field--error {
    padding-inline-start: 0.75em;
    border-inline-start: 4px solid var(--_error);
  }
  .label {
    display: block;
    margin-bottom: 0.25em;
    font-weight: 600;
  }
  .hint {
    margin-bottom: 0.25em;
    color: var(--_muted);
  }
  .error-message {
    margin: 0 0 0.25em;
    color: var(--_error);
    font-weight: 600;
  }
  .input {
    display: block;
    width: 100%;
    max-width: 30em;
    min-height: 44px;
    padding: 0.35em 0.5em;
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
    color: var(--_text);
    font: inherit;
  }
  .input.width-10 {
    max-width: 10em;
    letter-spacing: 0.1em;
  }
  .field--error .input {
    border-color: var(--_error);
  }
  .input:focus-visible {
    box-shadow: inset 0 0 0 2px var(--_focus-text);
  }
  .error-summary {
    margin: 0 0 var(--_space);
    padding: var(--_space);
    border: 4px solid var(--_error);
  }
  .error-summary:focus {
    outline: 3px solid var(--_focus);
  }
  .error-summary__title {
    margin: 0 0 0.5em;
    font-size: 1.2em;
  }
  .error-summary__list {
    margin: 0;
    padding-inline-start: 0;
    list-style: none;
  }
  .error-summary__list a,
  .error-summary__list li {
    color: var(--_error);
    font-weight: 600;
  }
  .notice {
    margin: 0 0 var(--_space);
    padding: 0.5em var(--_space);
    border-inline-start: 4px solid var(--_border);
  }
  .dialog {
    width: min(36em, calc(100vw - 2em));
    max-height: calc(100vh - 2em);
    padding: var(--_space);
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
    color: var(--_text);
  }
  .dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  .dialog__close {
    display: flex;
    justify-content: flex-end;
  }
  @media (forced-colors: active) {
    .button {
      border-color: ButtonText;
    }
    .button--link {
      border-color: transparent;
      color: LinkText;
    }
    .input,
    .error-summary,
    .field--error,
    .dialog {
      border-color: CanvasText;
    }
  }
`;
