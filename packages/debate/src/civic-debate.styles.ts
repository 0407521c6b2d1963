// Styles of <civic-debate> beyond the shared theme and UI: the summary, threads, comments, votes and forms.
import { css } from 'lit';

export const styles = css`
  :host {
    --_for: var(--civic-debate-for-color, #00703c);
    --_against: var(--civic-debate-against-color, #d4351c);
    --_official: var(--civic-debate-official-color, var(--_primary));
    --_indent: var(--civic-debate-indent, 1.5rem);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_for: var(--civic-debate-for-color, #5fd38d);
      --_against: var(--civic-debate-against-color, #ff7b6b);
    }
  }
  p {
    margin: 0 0 0.5em;
  }
  .heading {
    margin: 0 0 var(--_space);
    font-size: 1.5em;
  }
  .summary {
    margin: 0 0 var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .strongest {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(14em, 1fr));
    gap: var(--_space);
  }
  .side {
    padding-inline-start: 0.75em;
    border-inline-start: 4px solid var(--_for);
  }
  .side--against {
    border-inline-start-color: var(--_against);
    border-inline-start-style: double;
  }
  .side__heading {
    margin: 0 0 0.5em;
    font-size: 1.1em;
  }
  .strongest__list,
  .threads,
  .replies {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .argument {
    margin: 0 0 0.75em;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em 1em;
    margin: 0 0 var(--_space);
  }
  .count,
  .meta,
  .loading,
  .gone,
  .hint {
    color: var(--_muted);
  }
  .sort {
    display: flex;
    align-items: center;
    gap: 0.5em;
    font-weight: 600;
  }
  .sort .input {
    width: auto;
  }
  .threads > .item {
    margin: 0 0 var(--_space);
    padding: 0 0 var(--_space);
    border-bottom: 1px solid var(--_border);
  }
  .threads > .later {
    content-visibility: auto;
    contain-intrinsic-size: auto 16em;
  }
  .replies {
    margin-top: 0.75em;
    padding-inline-start: var(--_indent);
    border-inline-start: 2px solid var(--_border);
  }
  .replies > .item + .item {
    margin-top: 0.75em;
  }
  .comment {
    padding-inline-start: 0.75em;
    border-inline-start: 4px solid transparent;
  }
  .comment--for {
    border-inline-start-color: var(--_for);
  }
  .comment--against {
    border-inline-start-color: var(--_against);
    border-inline-start-style: double;
  }
  .comment--official {
    padding: 0.5em 0.75em;
    outline: 2px solid var(--_official);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.75em;
  }
  .author {
    color: var(--_text);
    font-weight: 700;
  }
  .official {
    color: var(--_text);
    font-weight: 600;
  }
  .stance {
    padding: 0 0.4em;
    border: 1px solid currentColor;
    border-radius: 0.25em;
    font-size: 0.9em;
  }
  a {
    color: var(--_link);
  }
  .permalink {
    color: var(--_muted);
  }
  .body {
    overflow-wrap: anywhere;
  }
  .body p,
  .body li {
    white-space: pre-wrap;
  }
  .body blockquote {
    margin: 0 0 0.5em;
    padding-inline-start: 0.75em;
    border-inline-start: 3px solid var(--_border);
  }
  .body ul,
  .body ol {
    margin: 0 0 0.5em;
    padding-inline-start: 1.5em;
  }
  .pending,
  .gone {
    font-style: italic;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 1em;
  }
  .actions .button {
    margin: 0;
  }
  .vote {
    min-width: 3.5em;
    padding: 0.25em 0.6em;
    font-variant-numeric: tabular-nums;
  }
  .vote::before {
    margin-inline-end: 0.4em;
    font-size: 0.8em;
  }
  .vote--up::before {
    content: '\\25B2' / '';
  }
  .vote--down::before {
    content: '\\25BC' / '';
  }
  .vote[aria-pressed='true'] {
    background: var(--_link);
    color: var(--_background);
  }
  .action {
    min-height: 44px;
  }
  .new {
    position: sticky;
    top: 0.5em;
    z-index: 1;
  }
  .compose {
    margin: 0 0 calc(var(--_space) * 1.5);
  }
  .signed-out,
  .empty {
    margin: 0 0 var(--_space);
  }
  .problem {
    padding-inline-start: 0.75em;
    border-inline-start: 4px solid var(--_error);
  }
  .comment .form {
    margin-top: 0.75em;
  }
  .legend {
    margin-bottom: 0.25em;
    font-weight: 600;
  }
  .radios {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1.5em;
    margin: 0 0 var(--_space);
    padding: 0;
    border: 0;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.4em;
    min-height: 24px;
  }
  .choice input {
    width: 1.25em;
    height: 1.25em;
    margin: 0;
    accent-color: var(--_primary);
  }
  .textarea {
    max-width: 40em;
    min-height: 7em;
    resize: vertical;
  }
  .form-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1em;
    align-items: center;
  }
  @media (prefers-reduced-motion: no-preference) {
    .comment:target,
    .comment:focus {
      transition: background-color 0.6s;
    }
  }
  .comment:focus {
    background: color-mix(in srgb, var(--_focus) 25%, transparent);
  }
  @media (forced-colors: active) {
    .comment,
    .side,
    .summary,
    .stance {
      border-color: CanvasText;
    }
    .vote[aria-pressed='true'] {
      background: Highlight;
      color: HighlightText;
    }
    .comment:focus {
      outline: 3px solid Highlight;
    }
  }
`;
