// The pick and draw modes of <civic-map> in a chunk of their own: a map that only shows things never loads them.
import type { ReactiveControllerHost } from 'lit';
import { registerMessages, type ApiClient, type LocalizeController } from '@civic-elements/core';
import type { Polygon } from '@civic-elements/protocol';
import { DrawController, type DrawChange, type DrawKind } from './draw-controller.js';
import { pickDrawMessages } from './messages-pick-draw.js';
import { PickController, type PickChange } from './pick-controller.js';
import { pickDrawStyles } from './pick-draw.styles.js';

export { syncFormField, restoredGeometry } from './form-field.js';
export type { DrawController, PickController, DrawKind };

export interface ModeOptions {
  localize: Pick<LocalizeController, 't' | 'duration' | 'lang'>;
  announce(message: string): void;
  area(): Polygon | undefined;
  disabled(): boolean;
  geometryType(): DrawKind;
  client(): ApiClient;
  org(): string;
  picked(change: PickChange): void;
  drawn(change: DrawChange): void;
}

export interface Modes {
  pick: PickController;
  draw: DrawController;
}

let registered = false;

/**
 * Makes both controllers for `host` (each is attached to the map only while its mode is on), with
 * their words registered and their styles adopted into the host's shadow root.
 */
export function createModes(host: ReactiveControllerHost & HTMLElement, options: ModeOptions): Modes {
  if (!registered) {
    registered = true;
    for (const [lang, messages] of Object.entries(pickDrawMessages)) registerMessages(lang, messages);
  }
  const root = host.shadowRoot!;
  const sheet = pickDrawStyles.styleSheet;
  if (sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  const common = { localize: options.localize, announce: options.announce, area: options.area, disabled: options.disabled };
  return {
    pick: new PickController(host, { ...common, client: options.client, org: options.org, onChange: options.picked }),
    draw: new DrawController(host, { ...common, geometryType: options.geometryType, onChange: options.drawn }),
  };
}
