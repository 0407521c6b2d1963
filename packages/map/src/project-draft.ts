// The map project an officer is editing, as the editor's controls hold it; its checks (the API's
// rules, in the reader's words); the request body it becomes; and where the API's errors belong.
import { bboxPolygon } from '@civic-elements/protocol/geometry-checks';
import type {
  BBox, CategoryInput, ContributePolicy, FieldDefinition, FieldType, MapProject, MapProjectCreate, MapSymbol, ModerationPolicy, Polygon,
} from '@civic-elements/protocol';

export interface OptionDraft {
  uid: number;
  /** The stored value of an existing option (answers refer to it); new options get one from their label. */
  value?: string;
  label: string;
}

/** One question. Numbers are kept as typed (strings) until the checks have passed. */
export interface FieldDraft {
  uid: number;
  /** The key of an existing question (answers are stored under it); new questions get one from their label. */
  key?: string;
  type: FieldType;
  label: string;
  help: string;
  required: boolean;
  maxLength: string;
  multiline: boolean;
  min: string;
  max: string;
  integer: boolean;
  unit: string;
  options: OptionDraft[];
  minChoices: string;
  maxChoices: string;
}

export interface CategoryDraft {
  uid: number;
  id?: string;
  name: string;
  colour: string;
  symbol: MapSymbol;
  fields: FieldDraft[];
}

export interface ProjectDraft {
  id?: string;
  title: string;
  description: string;
  /** `org`: the organisation's whole area; `draw`: the polygon drawn on the map. */
  areaMode: 'org' | 'draw';
  area: Polygon | null;
  contribute: ContributePolicy;
  moderation: ModerationPolicy;
  categories: CategoryDraft[];
  /** Members' email addresses as typed: one a line (commas and spaces also separate them). */
  members: string;
  status: 'active' | 'archived';
}

/** Every symbol the API knows (MapSymbol), in the order the select lists them. */
export const SYMBOLS = ['circle', 'tree', 'flower', 'bench', 'water', 'bin', 'bike', 'bus', 'warning', 'star', 'heart', 'home', 'info', 'event', 'play', 'food'] as const satisfies readonly MapSymbol[];
// A compile-time check that the list above has every symbol the protocol defines.
const everySymbol: Exclude<MapSymbol, (typeof SYMBOLS)[number]> extends never ? true : never = true;
void everySymbol;

export const FIELD_TYPES = ['text', 'number', 'date', 'time', 'datetime', 'choice', 'multichoice', 'boolean'] as const satisfies readonly FieldType[];
const everyType: Exclude<FieldType, (typeof FIELD_TYPES)[number]> extends never ? true : never = true;
void everyType;

/** Colours new categories take in turn (each reads against white and against the map). */
const PALETTE = ['#2e7d32', '#1d70b8', '#d4351c', '#6f3c97', '#b35900', '#00703c', '#912b88', '#505a5f'];
const LIMITS = { title: [3, 140], description: 5000, label: 120, help: 300, options: [2, 50], fields: 30, categories: 50, members: 1000, maxLength: 5000 } as const;

let uids = 1;
const uid = () => uids++;

export const newOption = (label = ''): OptionDraft => ({ uid: uid(), label });

export const newField = (type: FieldType = 'text'): FieldDraft => ({
  uid: uid(), type, label: '', help: '', required: false, maxLength: '500', multiline: false,
  min: '', max: '', integer: false, unit: '', options: [newOption(), newOption()], minChoices: '', maxChoices: '',
});

export const newCategory = (index: number): CategoryDraft => ({
  uid: uid(), name: '', colour: PALETTE[index % PALETTE.length]!, symbol: 'circle', fields: [newField()],
});

export const newProjectDraft = (): ProjectDraft => ({
  title: '', description: '', areaMode: 'org', area: null, contribute: 'residents', moderation: 'publish',
  categories: [newCategory(0)], members: '', status: 'active',
});

const sameArea = (a: Polygon, b: Polygon): boolean => JSON.stringify(a.coordinates) === JSON.stringify(b.coordinates);

/** The editor's copy of a stored project; `members` from `GET …/members`. */
export function draftFromProject(project: MapProject, extent: BBox | undefined, members: string[] = []): ProjectDraft {
  const whole = extent && sameArea(project.area, bboxPolygon(extent));
  return {
    id: project.id,
    title: project.title,
    description: project.description,
    areaMode: whole ? 'org' : 'draw',
    area: whole ? null : project.area,
    contribute: project.contribute,
    moderation: project.moderation,
    members: members.join('\n'),
    status: project.status,
    categories: project.categories.map((c) => ({
      uid: uid(), id: c.id, name: c.name, colour: c.colour.toLowerCase(), symbol: c.symbol,
      fields: c.fields.map((f): FieldDraft => ({
        ...newField(f.type),
        key: f.key,
        label: f.label,
        help: f.help ?? '',
        required: f.required,
        ...(f.type === 'text' ? { maxLength: String(f.maxLength), multiline: f.multiline } : {}),
        ...(f.type === 'number' ? { min: f.min === undefined ? '' : String(f.min), max: f.max === undefined ? '' : String(f.max), integer: f.integer, unit: f.unit ?? '' } : {}),
        ...(f.type === 'choice' || f.type === 'multichoice' ? { options: f.options.map((o) => ({ uid: uid(), value: o.value, label: o.label })) } : {}),
        ...(f.type === 'multichoice' ? { minChoices: f.minChoices === undefined ? '' : String(f.minChoices), maxChoices: f.maxChoices === undefined ? '' : String(f.maxChoices) } : {}),
      })),
    })),
  };
}

/** `Opening hours` → `opening_hours`: lower-case letters, digits and underscores, starting with a letter. */
function slug(text: string, max: number): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, max)
    .replace(/_+$/, '');
}

/** A name from `text` not in `taken` (which it joins), else `fallback_N`. */
function uniqueName(text: string, taken: Set<string>, fallback: string, max: number): string {
  const base = slug(text, max - 4) || fallback;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}

/** The emails in the members box, lower-cased, without blanks or repeats. */
export const memberEmails = (text: string): string[] =>
  [...new Set(text.split(/[\s,;]+/).map((e) => e.trim().toLowerCase()).filter(Boolean))];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** DOM ids of the editor's controls, so that checks, the API's errors and the error summary agree. */
export const ids = {
  category: (c: number, part: string) => `cat-${c}-${part}`,
  field: (c: number, f: number, part: string) => `cat-${c}-q-${f}-${part}`,
  option: (c: number, f: number, o: number) => `cat-${c}-q-${f}-opt-${o}`,
};

type Translate = (key: string, params?: Record<string, string | number>) => string;

const isNumber = (text: string) => text.trim() !== '' && Number.isFinite(Number(text));
const isWhole = (text: string, min: number, max = Infinity) => isNumber(text) && Number.isInteger(Number(text)) && Number(text) >= min && Number(text) <= max;

/**
 * The problems an officer can fix before saving, by control id, in the order the controls appear.
 * `areaProblem` is the map's message when the drawn area itself is wrong.
 */
export function checkDraft(draft: ProjectDraft, t: Translate, areaProblem?: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const title = draft.title.trim();
  if (!title) errors['title'] = t('map-editor.error.title.empty');
  else if (title.length < LIMITS.title[0]) errors['title'] = t('map-editor.error.title.short', { count: LIMITS.title[0] });
  else if (title.length > LIMITS.title[1]) errors['title'] = t('map-editor.error.title.long', { count: LIMITS.title[1] });
  if (draft.description.trim().length > LIMITS.description) errors['description'] = t('map-editor.error.description.long', { count: LIMITS.description });
  if (draft.areaMode === 'draw') {
    if (!draft.area) errors['area'] = t('map-editor.error.area.none');
    else if (areaProblem) errors['area'] = areaProblem;
  }
  if (draft.contribute === 'members') {
    const emails = memberEmails(draft.members);
    const wrong = emails.find((e) => e.length > 254 || !EMAIL.test(e));
    if (wrong) errors['members'] = t('map-editor.error.members.format', { email: wrong });
    else if (emails.length > LIMITS.members) errors['members'] = t('map-editor.error.members.many', { count: LIMITS.members });
  }
  if (draft.categories.length === 0) errors['add-category'] = t('map-editor.error.categories.none');
  if (draft.categories.length > LIMITS.categories) errors['add-category'] = t('map-editor.error.categories.many', { count: LIMITS.categories });
  draft.categories.forEach((category, c) => {
    const name = category.name.trim();
    const which = { category: name || t('map-editor.category.n', { n: c + 1 }) };
    if (!name) errors[ids.category(c, 'name')] = t('map-editor.error.category.name', { n: c + 1 });
    else if (name.length > LIMITS.label) errors[ids.category(c, 'name')] = t('map-editor.error.category.name-long', { ...which, count: LIMITS.label });
    if (category.fields.length > LIMITS.fields) errors[ids.category(c, 'add-field')] = t('map-editor.error.fields.many', { ...which, count: LIMITS.fields });
    category.fields.forEach((field, f) => {
      const q = { ...which, q: f + 1 };
      const id = (part: string) => ids.field(c, f, part);
      const label = field.label.trim();
      if (!label) errors[id('label')] = t('map-editor.error.field.label', q);
      else if (label.length > LIMITS.label) errors[id('label')] = t('map-editor.error.field.label-long', { ...q, count: LIMITS.label });
      if (field.help.trim().length > LIMITS.help) errors[id('help')] = t('map-editor.error.field.help-long', { ...q, count: LIMITS.help });
      if (field.type === 'text' && !isWhole(field.maxLength, 1, LIMITS.maxLength)) {
        errors[id('max-length')] = t('map-editor.error.field.max-length', { ...q, max: LIMITS.maxLength });
      }
      if (field.type === 'number') {
        if (field.min.trim() && !isNumber(field.min)) errors[id('min')] = t('map-editor.error.field.number', q);
        else if (field.max.trim() && !isNumber(field.max)) errors[id('max')] = t('map-editor.error.field.number', q);
        else if (isNumber(field.min) && isNumber(field.max) && Number(field.min) > Number(field.max)) errors[id('min')] = t('map-editor.error.field.min-max', q);
      }
      if (field.type === 'choice' || field.type === 'multichoice') {
        const labels = field.options.map((o) => o.label.trim());
        const empty = labels.findIndex((l) => !l);
        if (field.options.length < LIMITS.options[0]) errors[id('add-option')] = t('map-editor.error.field.options-few', q);
        else if (field.options.length > LIMITS.options[1]) errors[id('add-option')] = t('map-editor.error.field.options-many', { ...q, count: LIMITS.options[1] });
        else if (empty >= 0) errors[ids.option(c, f, empty)] = t('map-editor.error.field.option', { ...q, o: empty + 1 });
        else if (new Set(labels.map((l) => l.toLowerCase())).size !== labels.length) errors[id('add-option')] = t('map-editor.error.field.options-same', q);
      }
      if (field.type === 'multichoice') {
        if (field.minChoices.trim() && !isWhole(field.minChoices, 0)) errors[id('min-choices')] = t('map-editor.error.field.choices', q);
        else if (field.maxChoices.trim() && !isWhole(field.maxChoices, 1)) errors[id('max-choices')] = t('map-editor.error.field.choices', q);
        else if (isNumber(field.minChoices) && isNumber(field.maxChoices) && Number(field.minChoices) > Number(field.maxChoices)) {
          errors[id('min-choices')] = t('map-editor.error.field.choices-min-max', q);
        }
      }
    });
  });
  return errors;
}

/** The question as the API takes it, with a key (kept, or made from its label). */
function fieldInput(field: FieldDraft, keys: Set<string>, n: number): FieldDefinition {
  const key = field.key ?? uniqueName(field.label, keys, `question_${n}`, 40);
  const base = { key, label: field.label.trim(), required: field.required, ...(field.help.trim() ? { help: field.help.trim() } : {}) };
  const number = (text: string) => (text.trim() === '' ? undefined : Number(text));
  switch (field.type) {
    case 'text':
      return { ...base, type: 'text', maxLength: Number(field.maxLength), multiline: field.multiline };
    case 'number': {
      const unit = field.unit.trim();
      return { ...base, type: 'number', integer: field.integer, ...(number(field.min) !== undefined ? { min: number(field.min)! } : {}), ...(number(field.max) !== undefined ? { max: number(field.max)! } : {}), ...(unit ? { unit } : {}) };
    }
    case 'choice':
    case 'multichoice': {
      const values = new Set(field.options.flatMap((o) => (o.value ? [o.value] : [])));
      const options = field.options.map((o, i) => ({ value: o.value ?? uniqueName(o.label, values, `option_${i + 1}`, 60), label: o.label.trim() }));
      if (field.type === 'choice') return { ...base, type: 'choice', options };
      return { ...base, type: 'multichoice', options, ...(number(field.minChoices) !== undefined ? { minChoices: number(field.minChoices)! } : {}), ...(number(field.maxChoices) !== undefined ? { maxChoices: number(field.maxChoices)! } : {}) };
    }
    default:
      return { ...base, type: field.type };
  }
}

/** The body of `POST /v1/orgs/:org/projects` (and of the PATCH that saves an existing project). */
export function requestBody(draft: ProjectDraft, extent: BBox): MapProjectCreate {
  const categories: CategoryInput[] = draft.categories.map((category) => {
    const keys = new Set(category.fields.flatMap((f) => (f.key ? [f.key] : [])));
    return {
      ...(category.id ? { id: category.id } : {}),
      name: category.name.trim(),
      colour: category.colour,
      symbol: category.symbol,
      fields: category.fields.map((field, i) => fieldInput(field, keys, i + 1)),
    };
  });
  return {
    title: draft.title.trim(),
    description: draft.description.trim(),
    area: draft.areaMode === 'org' || !draft.area ? bboxPolygon(extent) : draft.area,
    contribute: draft.contribute,
    moderation: draft.moderation,
    categories,
  };
}

const FIELD_PARTS: Record<string, string> = {
  label: 'label', key: 'label', help: 'help', type: 'type', maxLength: 'max-length', min: 'min', max: 'max', unit: 'unit',
  minChoices: 'min-choices', maxChoices: 'max-choices', options: 'add-option',
};

/** The id of the control an API error path (`categories.0.fields.2.options.1.label`) is about, if the editor has one. */
export function controlFor(path: string): string | undefined {
  const parts = path.split('.');
  const [head, c, what, f, part, o] = parts;
  if (head === 'title' || head === 'description') return head;
  if (head === 'area') return 'area';
  if (head === 'contribute' || head === 'moderation') return `${head}-0`;
  if (head === 'emails') return 'members';
  if (head !== 'categories') return undefined;
  if (c === undefined || !/^\d+$/.test(c)) return 'add-category';
  const ci = Number(c);
  if (what === 'name' || what === 'colour' || what === 'symbol') return ids.category(ci, what);
  if (what !== 'fields') return ids.category(ci, 'name');
  if (f === undefined || !/^\d+$/.test(f)) return ids.category(ci, 'add-field');
  const fi = Number(f);
  if (part === 'options' && o !== undefined && /^\d+$/.test(o)) return ids.option(ci, fi, Number(o));
  return ids.field(ci, fi, FIELD_PARTS[part ?? ''] ?? 'label');
}
