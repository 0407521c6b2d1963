// seedPollFixture: a poll of any kind and state, with imported ballots, written straight to the store.
// Used (through the `civic:seed-poll` command) by the browser tests of <civic-poll>, and by API tests.
import type { PollEligibility, PollKind, PollStatus, ResultsVisibility } from '@civic-elements/protocol';
import { CHOICE_ALPHABET, denseRanks } from '../../src/domain/ballots.js';
import type { NewPollOption, Store } from '../../src/store/types.js';

export interface PollFixtureOption {
  label: string;
  description?: string;
  /** An image address (any scheme: a test has no internet, so a `data:` URL suits) and its text alternative. */
  image?: { url: string; alt?: string };
  /** [longitude, latitude]. */
  location?: [number, number];
}

export interface PollFixtureOptions {
  kind?: PollKind;
  title?: string;
  description?: string;
  /** Labels or whole options (default: Option A, Option B, Option C). */
  options?: (string | PollFixtureOption)[];
  /** Multiple choice only. */
  minChoices?: number;
  maxChoices?: number;
  eligibility?: PollEligibility;
  /** Default `live`. */
  results?: ResultsVisibility;
  /** Default `open`. A closed poll is opened, given its ballots, then closed. */
  status?: PollStatus;
  opensAt?: string | null;
  closesAt?: string | null;
  /**
   * Ballots without voters or receipts (as paper ballots are imported), each a value per option in
   * the poll's order: 1 chosen or 0 not (single, multiple, approval), a score (score), a rank or 0 for
   * unranked (ranked; ranks are renumbered 1, 2, 3… as the API keeps them).
   */
  ballots?: number[][];
}

export interface PollFixture {
  org: string;
  id: string;
  title: string;
  kind: PollKind;
  options: { id: string; label: string }[];
}

export async function seedPollFixture(store: Store, orgSlug: string, options: PollFixtureOptions = {}): Promise<PollFixture> {
  const org = await store.orgs.bySlug(orgSlug);
  if (!org) throw new Error(`seedPollFixture: no organisation ${orgSlug}`);
  const kind = options.kind ?? 'single';
  const now = new Date();
  const pollOptions: NewPollOption[] = (options.options ?? ['Option A', 'Option B', 'Option C']).map((option) => {
    const o = typeof option === 'string' ? { label: option } : option;
    return {
      label: o.label,
      description: o.description ?? null,
      image: o.image ? { mediaId: null, url: o.image.url, alt: o.image.alt ?? null } : null,
      location: o.location ?? null,
    };
  });
  const made = await store.polls.create(
    org.id,
    {
      title: options.title ?? `Which ${kind} project should the neighbourhood fund?`,
      description: options.description ?? 'Choose among the proposals the ward forum put forward.',
      kind,
      minChoices: kind === 'multiple' ? (options.minChoices ?? null) : null,
      maxChoices: kind === 'multiple' ? (options.maxChoices ?? null) : null,
      eligibility: options.eligibility ?? 'verified',
      results: options.results ?? 'live',
      opensAt: options.opensAt ?? null,
      closesAt: options.closesAt ?? null,
      options: pollOptions,
      createdBy: null,
    },
    now,
  );
  const status = options.status ?? 'open';
  if (status !== 'draft') await store.polls.open(org.id, made.rowid, now);
  if (options.ballots?.length) {
    if (status === 'draft') throw new Error('seedPollFixture: a draft takes no ballots');
    const texts = options.ballots.map((values) => {
      if (values.length !== pollOptions.length) throw new Error(`seedPollFixture: a ballot of ${values.length} values for ${pollOptions.length} options`);
      return (kind === 'ranked' ? denseRanks(values) : values).map((value) => CHOICE_ALPHABET[value]!).join('');
    });
    await store.polls.importBallots(org.id, made.rowid, texts);
  }
  if (status === 'closed') await store.polls.close(org.id, made.rowid, now);
  return { org: org.slug, id: made.id, title: made.title, kind, options: made.options.map(({ id, label }) => ({ id, label })) };
}
