// Styles of <civic-map> beyond the shared theme and UI: the map's frame, the list, filters and details.
import { css } from 'lit';

export const styles = css`
  :host {
    --_map-height: var(--civic-map-height, 28rem);
  }
  .root {
    position: relative;
    container-type: inline-size;
  }
  .skip:not(:focus) {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .skip {
    min-height: 44px;
    margin: 0 0 0.5em;
    padding: 0.5em 1em;
    border: 2px solid var(--_link);
    background: var(--_background);
    color: var(--_link);
    font: inherit;
  }
  .body {
    display: grid;
    gap: var(--_space);
  }
  @container (min-width: 46rem) {
    .body {
      grid-template-columns: minmax(0, 2fr) minmax(16rem, 1fr);
    }
    .side {
      max-height: var(--_map-height);
      overflow: auto;
    }
  }
  .stage {
    position: relative;
    height: var(--_map-height);
    border: 1px solid var(--_border);
  }
  /* The canvas is clipped by maplibre's container, so its frame shows the focus. */
  .stage:has(.maplibregl-canvas:focus-visible) {
    outline: 3px solid var(--_focus);
    box-shadow: 0 0 0 6px var(--_focus-text);
  }
  .maplibregl-canvas:focus-visible {
    outline: none;
    box-shadow: none;
  }
  .map {
    position: absolute;
    inset: 0;
  }
  .stage__message {
    position: absolute;
    z-index: 3;
    inset-inline: var(--_space);
    top: var(--_space);
    margin: 0;
    padding: 0.75em var(--_space);
    border-inline-start: 4px solid var(--_error);
    background: var(--_background);
    box-shadow: 0 1px 4px rgb(0 0 0 / 0.3);
  }
  .stage__message p {
    margin: 0 0 0.5em;
  }
  .stage__message .button {
    margin: 0;
  }
  .side {
    padding-inline-end: 2px;
  }
  .heading,
  .panel__title {
    margin: 0 0 0.25em;
    font-size: 1.25em;
    line-height: 1.25;
  }
  .count,
  .meta,
  .panel__kind,
  .item__meta {
    color: var(--_muted);
  }
  .count {
    margin: 0 0 0.5em;
  }
  .list,
  .photos {
    margin: 0 0 var(--_space);
    padding: 0;
    list-style: none;
  }
  .item {
    display: flex;
    gap: 0.5em;
    align-items: flex-start;
    width: 100%;
    min-height: 44px;
    padding: 0.5em 0.25em;
    border: 0;
    border-bottom: 1px solid color-mix(in srgb, var(--_border) 40%, transparent);
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .item:hover {
    background: color-mix(in srgb, var(--_primary) 10%, var(--_background));
  }
  .item__title {
    display: block;
    color: var(--_link);
    font-weight: 600;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  .item__meta {
    display: block;
    font-size: 0.9em;
  }
  .dot,
  .swatch {
    flex: none;
    display: inline-block;
    width: 1em;
    height: 1em;
    margin-top: 0.2em;
    border-radius: 50%;
    box-shadow: 0 0 0 1px var(--_background), 0 0 0 2px var(--_border);
    forced-color-adjust: none;
  }
  .swatch {
    margin: 0;
    border-radius: 2px;
  }
  .filters {
    margin: 0 0 var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .filters summary {
    min-height: 44px;
    padding: 0.6em 0.5em;
    color: var(--_link);
    font-weight: 600;
    cursor: pointer;
  }
  .filters__body {
    padding: 0 0.5em 0.5em;
  }
  fieldset {
    margin: 0 0 0.75em;
    padding: 0;
    border: 0;
  }
  legend,
  .date span,
  dt {
    padding: 0;
    font-weight: 600;
  }
  .choice {
    display: flex;
    gap: 0.5em;
    align-items: center;
    min-height: 36px;
  }
  .choice input {
    flex: none;
    width: 24px;
    height: 24px;
    margin: 0;
    accent-color: var(--_primary);
  }
  .choice span {
    display: inline-flex;
    gap: 0.4em;
    align-items: center;
  }
  .dates {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1em;
  }
  .dates .input {
    width: auto;
  }
  .panel__kind {
    display: flex;
    gap: 0.5em;
    align-items: center;
    margin: 0 0 0.75em;
  }
  .panel__kind .dot {
    margin: 0;
  }
  .fields {
    margin: 0 0 var(--_space);
  }
  .fields div {
    margin-bottom: 0.5em;
  }
  dd {
    margin: 0;
  }
  dd,
  .description {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .photos {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  .photos img {
    display: block;
    width: 6rem;
    height: 6rem;
    object-fit: cover;
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1.5em;
  }
  .links a {
    display: inline-block;
    min-height: 24px;
    color: var(--_link);
  }
  .notice {
    border-inline-start-color: var(--_primary);
  }
  @media (forced-colors: active) {
    .stage,
    .filters,
    .stage__message {
      border-color: CanvasText;
    }
    .stage:has(.maplibregl-canvas:focus-visible) {
      outline-color: Highlight;
    }
    .item__title {
      color: LinkText;
    }
  }
`;
