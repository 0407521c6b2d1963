// What a map fetches about its organisation: public map settings, layers, projects (as this person
// sees them), and each layer's features for a view.
import { ApiError, type ApiClient } from '@civic-elements/core';
import type { LayerFeatureCollection, LayerInfo, LayerList, MapProject, OrgPublic } from '@civic-elements/protocol';
import type { FetchLayer } from './layers.js';

/**
 * The organisation's settings and layers, and the projects fetched so far. `client` and `org` are
 * read at each request (the session or the attributes may have changed); `changed` is called when
 * a project arrives later (its fields' labels, or what the person may do).
 */
export class OrgData {
  settings: OrgPublic | undefined;
  layers: LayerInfo[] = [];
  /** How reports read in the list and the panel: a chunk loaded only when a layer of reports is offered. */
  reports: typeof import('./report-layer.js') | undefined;
  readonly projects = new Map<string, MapProject>();

  constructor(
    private readonly client: () => ApiClient,
    private readonly org: () => string,
    private readonly changed: () => void,
  ) {}

  get #path(): string {
    return `/v1/orgs/${encodeURIComponent(this.org())}`;
  }

  /** The settings, the layers and `project` together; rejects with the first failure. */
  async load(project: string | undefined): Promise<void> {
    const [settings, layers] = await Promise.all([
      this.client().get<OrgPublic>(this.#path),
      this.client().get<LayerList>(`${this.#path}/layers`),
      project ? this.fetchProject(project, true) : undefined,
    ]);
    if (!this.reports && layers.layers.some((layer) => layer.kind === 'reports')) {
      this.reports = await import('./report-layer.js');
      this.reports.registerReportWords();
    }
    this.settings = settings;
    this.layers = layers.layers;
  }

  /** A project (its categories name a contribution's fields; `you` says whether this person may add). */
  async fetchProject(id: string, strict = false): Promise<void> {
    try {
      this.projects.set(id, await this.client().get<MapProject>(`${this.#path}/projects/${encodeURIComponent(id)}`));
      this.changed();
    } catch (error) {
      if (strict) throw error;
    }
  }

  /** A layer's features for a view. The API's own layers go through its client (session, retries); another server's GeoJSON is fetched as is. */
  readonly fetchLayer: FetchLayer = async (layer, query, signal) => {
    const url = new URL(layer.url);
    if (layer.kind !== 'geojson') return this.client().get<LayerFeatureCollection>(url.pathname, { query, signal });
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const response = await fetch(url, { signal });
    if (!response.ok) throw new ApiError(response.status, 'internal', response.statusText);
    return (await response.json()) as LayerFeatureCollection;
  };
}
