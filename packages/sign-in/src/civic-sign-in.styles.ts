// Styles of <civic-sign-in> beyond the shared theme and UI.
import { css } from 'lit';

export const styles = css`
  .heading,
  .lead,
  .account {
    margin: 0 0 var(--_space);
  }
  .heading {
    font-size: 1.5em;
    line-height: 1.2;
  }
  .account {
    overflow-wrap: anywhere;
  }
  .action,
  .notice p {
    margin: 0 0 calc(var(--_space) / 2);
  }
  .action .button {
    margin: 0;
  }
  form {
    margin: 0;
  }
`;
