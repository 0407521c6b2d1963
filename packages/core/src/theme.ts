// Theme tokens: every look is a custom property with a fallback; dark, forced-colours and reduced motion.
import { css } from 'lit';

/**
 * Internal `--_x` variables read the public `--civic-…` custom properties with fallbacks, so a host
 * page brands a widget by setting them on any ancestor.
 */
export const theme = css`
  :host {
    --_primary: var(--civic-color-primary, #1d70b8);
    --_primary-text: var(--civic-color-primary-text, #fff);
    --_text: var(--civic-color-text, #0b0c0c);
    --_background: var(--civic-color-background, #fff);
    --_muted: var(--civic-color-muted, #505a5f);
    --_error: var(--civic-color-error, #d4351c);
    --_success: var(--civic-color-success, #00703c);
    --_focus: var(--civic-color-focus, #ffdd00);
    --_focus-text: #0b0c0c;
    --_link: var(--civic-color-link, var(--_primary));
    --_border: var(--civic-color-border, #505a5f);
    --_radius: var(--civic-radius, 0);
    --_space: var(--civic-space, 1rem);
    display: block;
    color: var(--_text);
    font-family: var(--civic-font-family, inherit);
    font-size: var(--civic-font-size, 1rem);
    line-height: 1.4;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_text: var(--civic-color-text, #f3f2f1);
      --_background: var(--civic-color-background, #0b0c0c);
      --_muted: var(--civic-color-muted, #b1b4b6);
      --_error: var(--civic-color-error, #ff7b6b);
      --_success: var(--civic-color-success, #5fd38d);
      --_link: var(--civic-color-link, #8ec5ff);
      --_border: var(--civic-color-border, #b1b4b6);
    }
  }
  :host([hidden]) {
    display: none;
  }
  *,
  ::before,
  ::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: 0 0 0 6px var(--_focus-text);
  }
  [tabindex='-1']:focus {
    outline: none;
    box-shadow: none;
  }
  /* Read by screen readers, not shown: clip-path hides the whole box, padding and border included. */
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    overflow: hidden !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    ::before,
    ::after {
      animation-duration: 0.01ms !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0.01ms !important;
    }
  }
  @media (forced-colors: active) {
    :focus-visible {
      outline: 3px solid Highlight;
      box-shadow: none;
    }
  }
`;
