// Styles of <civic-contribution-form> beyond the shared theme, UI and form styles: the location line and the photos.
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
