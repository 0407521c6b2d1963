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

// ─── Consultations ───────────────────────────────────────────────────────────────────────────────

export interface ConsultationFixtureProposal {
  title?: string;
  summary?: string;
  /** Fresh residents who support it (besides its author); in the frozen phase and after they confirm too (default 1). */
  supporters?: number;
  /** Its author, an existing person (their email); default a fresh resident. */
  by?: string;
  /** Existing people (their email) who support it too, without confirming. */
  supportedBy?: string[];
}

export interface ConsultationFixtureOptions {
  /** The phase to reach (default `proposing`); frozen → voting without an admitted proposal goes straight to `closed`. */
  phase?: 'draft' | 'proposing' | 'discussion' | 'frozen' | 'voting' | 'closed';
  title?: string;
  description?: string;
  /** Supporters a proposal needs (default 2). */
  quorum?: number;
  proposals?: ConsultationFixtureProposal[];
  /** Voting and closed: ranked ballots cast by fresh residents, a rank per option of the vote in its order (0 unranked). */
  ballots?: number[][];
  /** Results while the vote is open (`live`) or after it closes (default). */
  results?: ResultsVisibility;
}

export interface ConsultationFixture {
  org: string;
  id: string;
  phase: string;
  pollId: string | null;
  proposals: { id: string; title: string }[];
  /** The vote's options in order (voting and closed). */
  options: { id: string; label: string; statusQuo: boolean }[];
}

interface FixtureApi {
  url: string;
  makeRole(email: string, org: string, role: 'resident' | 'officer', departments?: string[]): Promise<{ accessToken: string }>;
}

let fixtureCount = 0;

/** A consultation in any phase, made through the real API (so that every rule holds), for browser tests. */
export async function seedConsultationFixture(api: FixtureApi, orgSlug: string, options: ConsultationFixtureOptions = {}): Promise<ConsultationFixture> {
  const run = ++fixtureCount;
  const base = `${api.url}/v1/orgs/${orgSlug}`;
  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(base + path, {
      method,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${token}` },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`seedConsultationFixture: ${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  let people = 0;
  const resident = async () => (await api.makeRole(`cf${run}-${++people}@test.example`, orgSlug, 'resident')).accessToken;
  const officer = (await api.makeRole(`cf${run}-officer@test.example`, orgSlug, 'officer')).accessToken;
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
  const made = await call('POST', '/consultations', officer, {
    title: options.title ?? 'Which project should the neighbourhood fund back?',
    description: options.description ?? 'The ward forum has £40,000 to spend. Propose a project, gather support, then vote.',
    quorum: { kind: 'supporters', count: options.quorum ?? 2 },
    results: options.results ?? 'after-close',
    autoAdvance: false,
    proposingEndsAt: day(1),
    discussionEndsAt: day(2),
    frozenEndsAt: day(3),
    votingEndsAt: day(4),
  });
  const id: string = made.id;
  const target = options.phase ?? 'proposing';
  const order = ['draft', 'proposing', 'discussion', 'frozen', 'voting', 'closed'];
  let phase = 'draft';
  const advance = async () => {
    const next = await call('POST', `/consultations/${id}/advance`, officer, { from: phase });
    phase = next.phase;
  };
  const proposals: { id: string; title: string }[] = [];
  const supporters: string[][] = [];
  if (target !== 'draft') {
    await advance();
    for (const [i, p] of (options.proposals ?? []).entries()) {
      const author = p.by ? (await api.makeRole(p.by, orgSlug, 'resident')).accessToken : await resident();
      const made = await call('POST', `/consultations/${id}/proposals`, author, {
        title: p.title ?? `Proposal ${i + 1}: a community project`,
        summary: p.summary ?? `A short summary of proposal number ${i + 1}.`,
        body: `The whole text of proposal ${i + 1}.`,
      });
      proposals.push({ id: made.id, title: made.title });
      const tokens = [author];
      for (let n = 0; n < (p.supporters ?? 1); n++) {
        const token = await resident();
        await call('PUT', `/consultations/${id}/proposals/${made.id}/support`, token);
        tokens.push(token);
      }
      supporters.push(tokens);
      for (const email of p.supportedBy ?? []) {
        const { accessToken } = await api.makeRole(email, orgSlug, 'resident');
        await call('PUT', `/consultations/${id}/proposals/${made.id}/support`, accessToken);
      }
    }
  }
  while (order.indexOf(phase) < order.indexOf(target) && phase !== 'closed') {
    await advance();
    if (phase === 'frozen') {
      for (const [i, tokens] of supporters.entries()) for (const token of tokens) await call('PUT', `/consultations/${id}/proposals/${proposals[i]!.id}/confirmation`, token);
    }
    if (phase === 'voting' && options.ballots?.length) {
      const consultation = await call('GET', `/consultations/${id}`, officer);
      const poll = await call('GET', `/polls/${consultation.pollId}`, officer);
      for (const ranks of options.ballots) {
        const ballot: Record<string, number> = {};
        ranks.forEach((rank, n) => {
          if (rank > 0) ballot[poll.options[n].id] = rank;
        });
        await call('PUT', `/polls/${consultation.pollId}/ballot`, await resident(), { kind: 'ranked', ranks: ballot });
      }
    }
  }
  const final = await call('GET', `/consultations/${id}`, officer);
  const poll = final.pollId ? await call('GET', `/polls/${final.pollId}`, officer) : null;
  return {
    org: orgSlug,
    id,
    phase: final.phase,
    pollId: final.pollId,
    proposals,
    options: poll ? poll.options.map((o: { id: string; label: string; statusQuo?: boolean }) => ({ id: o.id, label: o.label, statusQuo: !!o.statusQuo })) : [],
  };
}
