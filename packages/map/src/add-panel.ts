// "Add to this map": where it is (the drawing controls), then <civic-contribution-form> for what it is.
import { html, nothing, type TemplateResult } from 'lit';
import { button } from '@civic-elements/core';
import type { Geometry, MapProject } from '@civic-elements/protocol';
import type { CivicContributionSubmittedEvent } from './form-events.js';

export interface AddView {
  t: (key: string, params?: Record<string, string | number>) => string;
  api: string;
  org: string;
  project: MapProject;
  /** The draw controller's controls (what is drawn, Finish, Undo…), while drawing. */
  drawing: unknown;
  geometry: Geometry | null;
  /** The form has been sent (it shows its "Thank you"). */
  sent: boolean;
  submitted: (event: CivicContributionSubmittedEvent) => void;
  close: () => void;
}

/** The panel; focus its heading (`#add-heading`) when it opens. */
export function renderAdd(view: AddView): TemplateResult {
  const { t } = view;
  return html`<section class="add" part="add" aria-labelledby="add-heading">
    ${view.sent
      ? nothing
      : html`<h3 id="add-heading" class="heading" part="heading" tabindex="-1">${t('map.add.heading')}</h3>${view.drawing}`}
    <civic-contribution-form api=${view.api} org=${view.org} .project=${view.project} .geometry=${view.geometry}
      @civic-contribution-submitted=${view.submitted}></civic-contribution-form>
    ${button({ label: t(view.sent ? 'map.details.back' : 'map.add.cancel'), variant: 'secondary', part: 'button close', onClick: view.close })}
  </section>`;
}
