// Loads maplibre-gl and its stylesheet the first time a map needs them: a page without a map never does.
import type * as Maplibre from 'maplibre-gl';

export type MaplibreModule = typeof Maplibre;

export interface LoadedMaplibre {
  maplibre: MaplibreModule;
  /** maplibre's own CSS, for adopting into each map's shadow root. */
  sheet: CSSStyleSheet;
}

let loading: Promise<LoadedMaplibre> | undefined;

/**
 * Imports maplibre-gl (in the build a separate file next to the bundles, dist/maplibre/) and its CSS
 * (a chunk of its own), once per page. A failed load is forgotten, so that "Try again" tries again.
 * `workerUrl` sets where maplibre's worker comes from: without it maplibre loads the worker next to
 * its own module, which a strict Content-Security-Policy refuses when that is on another origin.
 */
export async function loadMaplibre(workerUrl?: string): Promise<LoadedMaplibre> {
  loading ??= Promise.all([import('maplibre-gl'), import('./maplibre-css.js')]).then(
    ([maplibre, css]) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css.default);
      return { maplibre, sheet };
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  const loaded = await loading;
  if (workerUrl) loaded.maplibre.setWorkerUrl(new URL(workerUrl, document.baseURI).href);
  return loaded;
}

/** Adds `sheet` to the shadow root's adopted stylesheets, once. */
export function adoptSheet(root: ShadowRoot, sheet: CSSStyleSheet): void {
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [sheet, ...root.adoptedStyleSheets];
}
