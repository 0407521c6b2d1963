// "Add to this map": the drawing controls and <civic-contribution-form> side by side with the map.
import { html, type TemplateResult } from 'lit';
import { button } from '@civic-elements/core';
import type { Geometry, MapProject } from '@civic-elements/protocol';
import type { CivicContributionSubmittedEvent } from './form-events.js';

export interface AddView {
  t: (key: string, params?: Record<string, string | number>) => string;
  api: string;
  org: string;
  project: MapProject;
  /** The draw controller's controls (what is drawn, Finish, Undo…). */
  drawing: unknown;
  geometry: Geometry | null;
  submitted: (event: CivicContributionSubmittedEvent) => void;
  cancel: () => void;
}

/** The panel; focus its heading (`#add-heading`) when it opens. */
export function renderAdd(view: AddView): TemplateResult {
  const { t } = view;
  return html`<section class="add" part="add" aria-labelledby="add-heading">
    <h3 id="add-heading" class="heading" part="heading" tabindex="-1">${t('map.add.heading', { project: view.project.title })}</h3>
    <p class="hint">${t('map.add.hint')}</p>
    ${view.drawing}
    <civic-contribution-form api=${view.api} org=${view.org} .project=${view.project} .geometry=${view.geometry}
      @civic-contribution-submitted=${view.submitted}></civic-contribution-form>
    ${button({ label: t('map.add.cancel'), variant: 'secondary', part: 'button cancel', onClick: view.cancel })}
  </section>`;
}
