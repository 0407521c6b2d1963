// Styles of <civic-contribution-form> beyond the shared theme, UI, form and photo styles: the location line.
import { css } from 'lit';

export const styles = css`
  .location {
    margin: 0;
  }
  .location:focus {
    outline: 3px solid var(--_focus);
  }
  h3.label {
    font-size: 1em;
    margin: 0 0 0.25em;
  }
`;
