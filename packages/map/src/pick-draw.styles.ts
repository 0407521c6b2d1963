// Styles of the pick and draw controls and of the keyboard cross over the map; the host adds them to its styles.
import { css } from 'lit';

export const pickDrawStyles = css`
  .civic-crosshair {
    position: absolute;
    /* The map's centre is physical, whatever the direction of the text. */
    top: 50%;
    left: 50%;
    width: 44px;
    height: 44px;
    transform: translate(-50%, -50%);
    pointer-events: none;
    display: none;
    z-index: 2;
    /* Two bars, dark with a light edge, readable on any map. */
    background:
      linear-gradient(#0b0c0c, #0b0c0c) center / 4px 100% no-repeat,
      linear-gradient(#0b0c0c, #0b0c0c) center / 100% 4px no-repeat;
    filter: drop-shadow(0 0 1px #fff) drop-shadow(0 0 1px #fff);
  }
  .civic-crosshair--visible {
    display: block;
  }
  .civic-pick__value,
  .civic-draw__actions,
  .civic-search__row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1em;
  }
  .civic-pick__chosen {
    margin: 0 0 var(--_space);
    font-weight: 600;
  }
  .civic-search__row .input {
    flex: 1 1 12em;
  }
  .civic-search__row .button {
    margin: 0;
  }
  .civic-search__status {
    min-height: 1.4em;
  }
  .civic-search__results {
    margin: 0 0 var(--_space);
    padding: 0;
    list-style: none;
    max-width: 30em;
    border: 2px solid var(--_border);
  }
  .civic-search__result {
    display: block;
    width: 100%;
    min-height: 44px;
    padding: 0.5em;
    border: 0;
    border-block-end: 1px solid var(--_border);
    background: var(--_background);
    color: var(--_link);
    font: inherit;
    text-align: start;
    text-decoration: underline;
    cursor: pointer;
  }
  .civic-search__results li:last-child .civic-search__result {
    border-block-end: 0;
  }
  .civic-search__outside {
    color: var(--_muted);
    text-decoration: none;
  }
  .civic-draw__points {
    margin: 0 0 var(--_space);
    padding-inline-start: 1.5em;
  }
  .civic-draw__points li {
    margin-block-end: 0.25em;
  }
  .civic-draw__remove {
    margin: 0 0 0 0.75em;
  }
  .civic-draw__problems {
    margin: 0 0 var(--_space);
    padding-inline-start: 0.75em;
    border-inline-start: 4px solid var(--_error);
  }
  .button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  @media (forced-colors: active) {
    .civic-crosshair {
      background:
        linear-gradient(CanvasText, CanvasText) center / 4px 100% no-repeat,
        linear-gradient(CanvasText, CanvasText) center / 100% 4px no-repeat;
      forced-color-adjust: none;
    }
  }
`;
