// Styles of <civic-sign-in> beyond the shared theme and UI.
import { css } from 'lit';

export const styles = css`
  .heading {
    margin: 0 0 var(--_space);
    font-size: 1.5em;
    line-height: 1.2;
  }
  .lead,
  .account {
    margin: 0 0 var(--_space);
  }
  .account {
    overflow-wrap: anywhere;
  }
  .action {
    margin: 0 0 calc(var(--_space) / 2);
  }
  .action .button {
    margin: 0;
  }
  .notice p {
    margin: 0 0 calc(var(--_space) / 2);
  }
  form {
    margin: 0;
  }
`;
