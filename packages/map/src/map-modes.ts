// The pick and draw modes as <civic-map> sees them: loaded on first use, attached to the map while on,
// and the element's form value and validity kept in step with them.
import { nothing, type ReactiveControllerHost } from 'lit';
import type { Geometry } from '@civic-elements/protocol';
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { ModeOptions, Modes } from './modes.js';

export type Mode = 'browse' | 'pick' | 'draw';

export interface MapModesOptions extends ModeOptions {
  host: ReactiveControllerHost & HTMLElement;
  internals: ElementInternals;
  /** The mode in use now (`draw` while a person adds to a project, whatever the attribute says). */
  mode(): Mode;
  required(): boolean;
  t(key: string): string;
}

/**
 * Loads the controllers of both modes (a chunk of their own) the first time a mode other than
 * browse is wanted, attaches the one in use to the map, and keeps the form value and validity in
 * step. A `value` set before they load waits for them.
 */
export class MapModes {
  #modes: Modes | undefined;
  #module: typeof import('./modes.js') | undefined;
  #loading: Promise<void> | undefined;
  #pending: Geometry | null = null;
  #attached = new Map<keyof Modes, MaplibreMap>();

  constructor(private readonly options: MapModesOptions) {}

  get loaded(): boolean {
    return !!this.#modes;
  }

  /** The controller of the mode in use, if it is pick or draw and has loaded. */
  get current() {
    const mode = this.options.mode();
    return mode === 'browse' ? undefined : this.#modes?.[mode];
  }

  get draw() {
    return this.#modes?.draw;
  }

  load(): Promise<void> {
    this.#loading ??= import('./modes.js').then((module) => {
      this.#module = module;
      this.#modes = module.createModes(this.options.host, this.options);
      if (this.#pending) this.value = this.#pending;
      this.options.host.requestUpdate();
    });
    return this.#loading;
  }

  get value(): Geometry | null {
    return this.current?.value ?? (this.#modes ? null : this.#pending);
  }

  set value(value: Geometry | null) {
    const mode = this.options.mode();
    if (!this.#modes || mode === 'browse') {
      this.#pending = value;
      return;
    }
    if (mode === 'pick') this.#modes.pick.setValue(value?.type === 'Point' ? value : null);
    else this.#modes.draw.setValue(value);
  }

  /** Attaches the controller in use to `map` and detaches the other; updates the form value and validity. */
  sync(map: MaplibreMap | undefined): void {
    const mode = this.options.mode();
    for (const name of ['pick', 'draw'] as const) {
      const controller = this.#modes?.[name];
      if (!controller) continue;
      const target = name === mode && map ? map : undefined;
      if (this.#attached.get(name) === target) continue;
      controller.detach();
      this.#attached.delete(name);
      if (target) {
        controller.attach(target);
        this.#attached.set(name, target);
      }
    }
    this.#syncForm();
  }

  #syncForm(): void {
    const { internals, t } = this.options;
    const controller = this.current;
    if (!controller || !this.#module) {
      internals.setFormValue(null);
      internals.setValidity({});
      return;
    }
    const missing = controller === this.#modes!.pick ? t('map-pick.required') : t(`map-draw.required.${this.#modes!.draw.kind}`);
    this.#module.syncFormField(internals, {
      value: controller.value, required: this.options.required(), problem: controller.validationMessage, missingMessage: missing, anchor: controller.anchor,
    });
  }

  /** Before the map is removed. */
  detach(): void {
    for (const name of this.#attached.keys()) this.#modes?.[name].detach();
    this.#attached.clear();
  }

  /** The area or the drawing's kind changed. */
  revalidate(): void {
    this.#modes?.pick.revalidate();
    this.#modes?.draw.revalidate();
  }

  reset(): void {
    this.#pending = null;
    this.current?.reset(null);
  }

  restore(state: string | File | FormData | null): void {
    const geometry = this.#module?.restoredGeometry(state) ?? null;
    this.value = geometry;
  }

  render(): unknown {
    return this.current?.render() ?? nothing;
  }
}
