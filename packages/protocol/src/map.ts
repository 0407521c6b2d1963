// Map projects, their categories and field definitions, contributions, places, events, map layers
// and address search: the wire format `<civic-map>` and the API share.
import { z } from 'zod';
import { BBox, HexColour, Id, IsoTime, OrgSlug, page } from './common.js';
import { Geometry, Point, Polygon } from './geo.js';

// ─── Field definitions: the questions a category asks ───────────────────────────────────────────

/** A field's key in `properties.fields`: lower-case letters, digits and underscores. */
export const FieldKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'A field key starts with a letter and has only lower-case letters, digits and underscores (at most 40).');

const Label = z.string().trim().min(1, 'Give it a label.').max(120, 'A label has at most 120 characters.');

const FieldBase = {
  key: FieldKey,
  label: Label,
  help: z.string().trim().max(300).optional(),
  required: z.boolean().default(false),
};

export const ChoiceOption = z.object({
  value: z.string().trim().min(1).max(60),
  label: Label,
});
export type ChoiceOption = z.infer<typeof ChoiceOption>;

const Options = z
  .array(ChoiceOption)
  .min(2, 'A choice needs at least 2 options.')
  .max(50, 'A choice has at most 50 options.')
  .refine((options) => new Set(options.map((o) => o.value)).size === options.length, 'Each option needs its own value.');

export const TextField = z.object({ ...FieldBase, type: z.literal('text'), maxLength: z.number().int().min(1).max(5000).default(500), multiline: z.boolean().default(false) });
export const NumberField = z
  .object({ ...FieldBase, type: z.literal('number'), min: z.number().optional(), max: z.number().optional(), integer: z.boolean().default(false), unit: z.string().max(20).optional() })
  .refine((f) => f.min === undefined || f.max === undefined || f.min <= f.max, { message: 'The minimum cannot be above the maximum.', path: ['min'] });
export const DateField = z.object({ ...FieldBase, type: z.literal('date') });
export const TimeField = z.object({ ...FieldBase, type: z.literal('time') });
export const DateTimeField = z.object({ ...FieldBase, type: z.literal('datetime') });
export const ChoiceField = z.object({ ...FieldBase, type: z.literal('choice'), options: Options });
export const MultiChoiceField = z
  .object({ ...FieldBase, type: z.literal('multichoice'), options: Options, minChoices: z.number().int().min(0).optional(), maxChoices: z.number().int().min(1).optional() })
  .refine((f) => f.minChoices === undefined || f.maxChoices === undefined || f.minChoices <= f.maxChoices, { message: 'The minimum number of choices cannot be above the maximum.', path: ['minChoices'] });
export const BooleanField = z.object({ ...FieldBase, type: z.literal('boolean') });

/**
 * One question. Values in `fields` are: text → string; number → number; date → `YYYY-MM-DD`;
 * time → `HH:MM`; datetime → ISO 8601 UTC with `Z`; choice → an option's value;
 * multichoice → a list of option values; boolean → true or false. An optional field left
 * unanswered is absent (or null).
 */
export const FieldDefinition = z.discriminatedUnion('type', [TextField, NumberField, DateField, TimeField, DateTimeField, ChoiceField, MultiChoiceField, BooleanField], {
  error: 'A field type is one of text, number, date, time, datetime, choice, multichoice or boolean.',
});
export type FieldDefinition = z.infer<typeof FieldDefinition>;
export type FieldType = FieldDefinition['type'];

export const FieldValue = z.union([z.string().max(5000), z.number(), z.boolean(), z.array(z.string().max(60)).max(50), z.null()]);
export type FieldValue = z.infer<typeof FieldValue>;
/** Answers by field key. The API checks them against the category's definitions. */
export const FieldValues = z.record(FieldKey, FieldValue);
export type FieldValues = z.infer<typeof FieldValues>;

// ─── Categories and projects ─────────────────────────────────────────────────────────────────────

/** Symbols a category can show on the map; the element draws each as an icon in the category's colour. */
export const MapSymbol = z.enum(['circle', 'tree', 'flower', 'bench', 'water', 'bin', 'bike', 'bus', 'warning', 'star', 'heart', 'home', 'info', 'event', 'play', 'food']);
export type MapSymbol = z.infer<typeof MapSymbol>;

const Fields = z
  .array(FieldDefinition)
  .max(30, 'A category has at most 30 fields.')
  .refine((fields) => new Set(fields.map((f) => f.key)).size === fields.length, 'Each field needs its own key.');

export const Category = z.object({
  id: Id,
  name: Label,
  colour: HexColour,
  symbol: MapSymbol,
  fields: Fields,
});
export type Category = z.infer<typeof Category>;

/** A category as an officer sends it: with its `id` to change an existing one, without to add one. */
export const CategoryInput = Category.extend({ id: Id.optional(), symbol: MapSymbol.default('circle') }).strict();
export type CategoryInput = z.input<typeof CategoryInput>;

/** Who may add contributions: any signed-in resident, only the project's members (and staff), or nobody. */
export const ContributePolicy = z.enum(['residents', 'members', 'nobody']);
export type ContributePolicy = z.infer<typeof ContributePolicy>;

/** `publish`: contributions appear at once; `review`: they wait as `pending` until a moderator approves. */
export const ModerationPolicy = z.enum(['publish', 'review']);
export type ModerationPolicy = z.infer<typeof ModerationPolicy>;

export const MapProject = z.object({
  id: Id,
  org: OrgSlug,
  title: z.string(),
  description: z.string(),
  area: Polygon,
  bbox: BBox,
  contribute: ContributePolicy,
  moderation: ModerationPolicy,
  categories: z.array(Category),
  status: z.enum(['active', 'archived']),
  /** Published (active) contributions. */
  contributionCount: z.number().int(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  /** Present when the request was signed in: what this person may do here. */
  you: z.object({ canContribute: z.boolean(), canModerate: z.boolean(), canManage: z.boolean(), reason: z.string().optional() }).optional(),
});
export type MapProject = z.infer<typeof MapProject>;

const Categories = z
  .array(CategoryInput)
  .min(1, 'A project needs at least one category.')
  .max(50, 'A project has at most 50 categories.');

/** `POST /v1/orgs/:org/projects` (officers, moderators, admins). */
export const MapProjectCreate = z
  .object({
    title: z.string().trim().min(3, 'A title has at least 3 characters.').max(140, 'A title has at most 140 characters.'),
    description: z.string().trim().max(5000, 'A description has at most 5000 characters.').default(''),
    area: Polygon,
    contribute: ContributePolicy.default('residents'),
    moderation: ModerationPolicy.default('publish'),
    categories: Categories,
  })
  .strict();
export type MapProjectCreate = z.input<typeof MapProjectCreate>;

/** `PATCH /v1/orgs/:org/projects/:id`. `categories` replaces the list: keep an id to keep a category. */
export const MapProjectUpdate = z
  .object({
    title: z.string().trim().min(3).max(140),
    description: z.string().trim().max(5000),
    area: Polygon,
    contribute: ContributePolicy,
    moderation: ModerationPolicy,
    categories: Categories,
    status: z.enum(['active', 'archived']),
  })
  .partial()
  .strict();
export type MapProjectUpdate = z.input<typeof MapProjectUpdate>;

/** `PUT /v1/orgs/:org/projects/:id/members`: the people who may contribute when `contribute` is `members`. */
export const ProjectMembers = z.object({ emails: z.array(z.string().trim().toLowerCase().pipe(z.email())).max(1000) }).strict();
export type ProjectMembers = z.infer<typeof ProjectMembers>;

// ─── Photos ──────────────────────────────────────────────────────────────────────────────────────

/** A stored photo: `POST /v1/orgs/:org/media` with the image bytes as the body answers with one. */
export const Photo = z.object({
  id: Id,
  width: z.number().int(),
  height: z.number().int(),
  /** Absolute URLs of the resized variants (JPEG), cacheable for ever. */
  thumb: z.string(),
  large: z.string(),
});
export type Photo = z.infer<typeof Photo>;

// ─── Features: contributions, places, events ─────────────────────────────────────────────────────

/** Published at once or approved; waiting for approval; flagged and waiting for a moderator; removed. */
export const ContributionStatus = z.enum(['active', 'pending', 'review', 'deleted']);
export type ContributionStatus = z.infer<typeof ContributionStatus>;

export const Author = z.object({ name: z.string() }).nullable();

export const ContributionProperties = z.object({
  layer: z.literal('contributions'),
  project: Id,
  category: Id,
  status: ContributionStatus,
  /** A short label for lists: the first text answer, else the category's name. */
  title: z.string(),
  fields: FieldValues,
  photos: z.array(Photo),
  author: Author,
  /** True when the signed-in person added it. */
  mine: z.boolean().optional(),
  /** Open flags; only moderators see it. */
  flags: z.number().int().optional(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type ContributionProperties = z.infer<typeof ContributionProperties>;

export const ContributionFeature = z.object({ type: z.literal('Feature'), id: Id, geometry: Geometry, properties: ContributionProperties });
export type ContributionFeature = z.infer<typeof ContributionFeature>;

/** `POST /v1/orgs/:org/projects/:id/contributions`: a GeoJSON Feature. */
export const ContributionCreate = z
  .object({
    type: z.literal('Feature', { error: 'Send a GeoJSON Feature.' }),
    geometry: Geometry,
    properties: z.object({
      category: Id,
      fields: FieldValues.default({}),
      /** Ids from `POST /v1/orgs/:org/media`, at most 5. */
      photos: z.array(Id).max(5, 'At most 5 photos.').default([]),
    }),
  })
  .strict();
export type ContributionCreate = z.input<typeof ContributionCreate>;

/** `PATCH …/contributions/:id` by its author (while it is not deleted) or a moderator. */
export const ContributionUpdate = z
  .object({
    geometry: Geometry,
    properties: z.object({ category: Id, fields: FieldValues, photos: z.array(Id).max(5) }).partial(),
  })
  .partial()
  .strict();
export type ContributionUpdate = z.input<typeof ContributionUpdate>;

export const FlagReason = z.enum(['inaccurate', 'offensive', 'spam', 'private', 'duplicate', 'other']);
export type FlagReason = z.infer<typeof FlagReason>;

/** `POST …/contributions/:id/flags` (anyone signed in, once per person). */
export const FlagCreate = z.object({ reason: FlagReason, note: z.string().trim().max(500).optional() }).strict();
export type FlagCreate = z.infer<typeof FlagCreate>;

/**
 * `POST …/contributions/:id/moderation` (moderators, officers, admins): approve (pending or in
 * review → active, open flags resolved), reject (→ deleted), restore (deleted → active).
 */
export const ModerationAction = z.object({ action: z.enum(['approve', 'reject', 'restore']), note: z.string().trim().max(500).optional() }).strict();
export type ModerationAction = z.infer<typeof ModerationAction>;

export const Flag = z.object({ reason: FlagReason, note: z.string().optional(), createdAt: IsoTime, resolvedAt: IsoTime.nullable() });
export type Flag = z.infer<typeof Flag>;

/** `GET /v1/orgs/:org/projects/:id/review` (moderators): pending and in-review contributions with their flags, oldest first. */
export const ReviewItem = z.object({ feature: ContributionFeature, flags: z.array(Flag) });
export type ReviewItem = z.infer<typeof ReviewItem>;
export const ReviewQueue = page(ReviewItem);
export type ReviewQueue = z.infer<typeof ReviewQueue>;

export const PlaceProperties = z.object({
  layer: z.literal('places'),
  title: z.string(),
  description: z.string(),
  organiser: z.string(),
  url: z.string().nullable(),
  project: Id.nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export const PlaceFeature = z.object({ type: z.literal('Feature'), id: Id, geometry: Geometry, properties: PlaceProperties });
export type PlaceFeature = z.infer<typeof PlaceFeature>;

export const EventProperties = PlaceProperties.extend({
  layer: z.literal('events'),
  start: IsoTime,
  end: IsoTime,
  /** Where the event's iCalendar file downloads from. */
  ical: z.string(),
});
export const EventFeature = z.object({ type: z.literal('Feature'), id: Id, geometry: Geometry, properties: EventProperties });
export type EventFeature = z.infer<typeof EventFeature>;

const HttpUrl = z
  .string()
  .max(500)
  .refine((value) => /^https?:\/\//.test(value) && URL.canParse(value), 'Use a web address starting with https://.');

const PlaceFieldsShape = {
  title: z.string().trim().min(3, 'A title has at least 3 characters.').max(140, 'A title has at most 140 characters.'),
  description: z.string().trim().max(5000).default(''),
  organiser: z.string().trim().min(1, 'Say who organises it.').max(140),
  url: HttpUrl.nullable().default(null),
  project: Id.nullable().default(null),
};

/** `POST /v1/orgs/:org/places` (officers, moderators, admins). */
export const PlaceCreate = z.object({ type: z.literal('Feature'), geometry: Geometry, properties: z.object(PlaceFieldsShape).strict() }).strict();
export type PlaceCreate = z.input<typeof PlaceCreate>;

/** `POST /v1/orgs/:org/events` (officers, moderators, admins): an event ends after it starts. */
export const EventCreate = z
  .object({
    type: z.literal('Feature'),
    geometry: Geometry,
    properties: z
      .object({ ...PlaceFieldsShape, start: IsoTime, end: IsoTime })
      .strict()
      .refine((p) => p.end > p.start, { message: 'An event ends after it starts.', path: ['end'] }),
  })
  .strict();
export type EventCreate = z.input<typeof EventCreate>;

export const PlaceUpdate = z.object({ geometry: Geometry, properties: z.object(PlaceFieldsShape).partial().strict() }).partial().strict();
export const EventUpdate = z
  .object({ geometry: Geometry, properties: z.object({ ...PlaceFieldsShape, start: IsoTime, end: IsoTime }).partial().strict() })
  .partial()
  .strict();

// ─── Layers and viewport queries ─────────────────────────────────────────────────────────────────

/** A cluster standing for `count` features near its point; zoom to `expansionZoom` to open it. */
export const ClusterFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: Point,
  properties: z.object({ cluster: z.literal(true), layer: z.string(), count: z.number().int(), expansionZoom: z.number(), bbox: BBox }),
});
export type ClusterFeature = z.infer<typeof ClusterFeature>;

/** What a layer answers for one viewport: features, or clusters where they would be too many. */
export const LayerFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.union([ClusterFeature, ContributionFeature, PlaceFeature, EventFeature])),
  /** True when some features came back as clusters. */
  clustered: z.boolean(),
  /** How many features match in the box, whether sent one by one or as clusters. */
  total: z.number().int(),
});
export type LayerFeatureCollection = z.infer<typeof LayerFeatureCollection>;

/**
 * Query of every layer URL: `bbox` (required), the map's `zoom`, and filters. `category` is a
 * comma-separated list of category ids; `from`/`to` keep events that overlap that time span.
 */
export const LayerQuery = z.object({
  bbox: z
    .string()
    .transform((value, ctx) => {
      const parts = value.split(',').map(Number);
      const parsed = BBox.safeParse(parts);
      if (parts.length !== 4 || !parsed.success) {
        ctx.addIssue({ code: 'custom', message: 'Give bbox as minLon,minLat,maxLon,maxLat in degrees.' });
        return z.NEVER;
      }
      return parsed.data;
    }),
  zoom: z.coerce.number().min(0).max(24).default(14),
  category: z.string().max(2000).optional(),
  from: IsoTime.optional(),
  to: IsoTime.optional(),
  /** Moderators only: include pending, in-review (and with `all`, deleted) contributions. */
  status: z.enum(['active', 'pending', 'review', 'deleted', 'all']).optional(),
});
export type LayerQuery = z.input<typeof LayerQuery>;

export const LayerKind = z.enum(['contributions', 'places', 'events', 'reports', 'geojson']);
export type LayerKind = z.infer<typeof LayerKind>;

/** `GET /v1/orgs/:org/layers`: every layer the organisation's maps can show. */
export const LayerInfo = z.object({
  id: z.string(),
  kind: LayerKind,
  title: z.string(),
  /** Absolute URL answering `LayerQuery` with a `LayerFeatureCollection`. */
  url: z.string(),
  /** For project layers. */
  project: Id.optional(),
  categories: z.array(Category.pick({ id: true, name: true, colour: true, symbol: true })),
  /** Default colour of the layer's markers. */
  colour: HexColour,
});
export type LayerInfo = z.infer<typeof LayerInfo>;
export const LayerList = z.object({ layers: z.array(LayerInfo) });
export type LayerList = z.infer<typeof LayerList>;

// ─── Address search ─────────────────────────────────────────────────────────────────────────────

/** `GET /v1/geocode?org=&q=&limit=`: addresses and places matching the words, inside the organisation's area first. */
export const GeocodeQuery = z.object({
  org: OrgSlug,
  q: z.string().trim().min(2, 'Type at least 2 characters to search for an address.').max(200),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});
export const GeocodeResult = z.object({
  label: z.string(),
  kind: z.enum(['street', 'place', 'postcode', 'area', 'address']),
  point: Point,
  bbox: BBox.nullable(),
  /** Whether the point lies inside the organisation's area. */
  inArea: z.boolean(),
});
export type GeocodeResult = z.infer<typeof GeocodeResult>;
export const GeocodeResults = z.object({ results: z.array(GeocodeResult) });
export type GeocodeResults = z.infer<typeof GeocodeResults>;
