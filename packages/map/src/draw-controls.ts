// The drawing's controls beside the map: instructions, problems, the numbered points with Remove, Finish, Undo and Clear.
import { html, nothing, type TemplateResult } from 'lit';
import type { DrawKind } from './draw-layers.js';

export interface DrawControlsView {
  t(key: string, params?: Record<string, string | number>): string;
  kind: DrawKind;
  disabled: boolean;
  /** The problems to show, in the reader's language. */
  problems: string[];
  /** Each point's position in words ("latitude …, longitude …"), in drawing order. */
  points: string[];
  finished: boolean;
  canUndo: boolean;
  remove(index: number): void;
  finish(): void;
  reopen(): void;
  undo(): void;
  clear(): void;
}

/** Ids (unique in the host's shadow root): `civic-draw-hint` describes the map, `civic-draw-undo` takes focus after Clear. */
export function renderDrawControls(view: DrawControlsView): TemplateResult {
  const { t, kind, disabled, problems, points } = view;
  return html`<div class="civic-draw" part="draw">
    <p id="civic-draw-hint" class="hint" part="hint">${t(`map-draw.hint.${kind}`)}</p>
    ${problems.length > 0
      ? html`<div id="civic-draw-problems" class="civic-draw__problems" part="problems">
          ${problems.map((message) => html`<p class="error-message" part="error"><span class="visually-hidden">${t('core.error.prefix')} </span>${message}</p>`)}
        </div>`
      : nothing}
    <p id="civic-draw-points-label" class="label">${t('map-draw.points.label')}</p>
    ${points.length > 0
      ? html`<ol class="civic-draw__points" part="points" aria-labelledby="civic-draw-points-label">
          ${points.map(
            (place, i) => html`<li part="point">
              <span>${t('map-draw.point', { n: i + 1, place })}</span>
              ${disabled
                ? nothing
                : html`<button type="button" class="button button--link civic-draw__remove" part="button" aria-label=${t('map-draw.remove.label', { n: i + 1 })} @click=${() => view.remove(i)}>
                    ${t('map-draw.remove')}
                  </button>`}
            </li>`,
          )}
        </ol>`
      : html`<p class="hint">${t('map-draw.points.none')}</p>`}
    ${disabled
      ? nothing
      : html`<div class="civic-draw__actions" part="actions">
          ${kind === 'point'
            ? nothing
            : view.finished
              ? html`<button type="button" class="button button--secondary" part="button" @click=${() => view.reopen()}>${t('map-draw.continue')}</button>`
              : html`<button type="button" class="button button--primary" part="button" aria-describedby=${problems.length > 0 ? 'civic-draw-problems' : nothing} @click=${() => view.finish()}>${t('map-draw.finish')}</button>`}
          <button type="button" id="civic-draw-undo" class="button button--secondary" part="button" ?disabled=${!view.canUndo} @click=${() => view.undo()}>${t('map-draw.undo')}</button>
          <button type="button" class="button button--secondary" part="button" ?disabled=${points.length === 0} @click=${() => view.clear()}>${t('map-draw.clear')}</button>
        </div>`}
  </div>`;
}
