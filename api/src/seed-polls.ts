// Demo polls and consultations: on the council's page, the consultation "Which project should the
// neighbourhood fund back?" in its discussion phase (four proposals, three of them admitted so far, a few
// suggestions with ratings, a discussion under one proposal), which an officer advances by hand so that
// it stays in that phase for the demo; on the NHS trust's page, an open single-choice poll about
// extended opening hours with live results and ballots already in. Times are relative to seeding.
// Seeding again changes nothing.
import type { SuggestionDegree } from '@civic-elements/protocol';
import { ensureMember } from './seed.js';
import type { OrgRecord, Store, UserRecord } from './store/types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const DEMO_CONSULTATION_TITLE = 'Which project should the neighbourhood fund back?';
export const DEMO_POLL_TITLE = 'Which extended opening hours would help you most at Peckham Road surgery?';

const RESIDENTS = [
  { email: 'joanne.adeyemi@example.org', name: 'Joanne Adeyemi' },
  { email: 'mark.fletcher@example.org', name: 'Mark Fletcher' },
  { email: 'priya.shah@example.org', name: 'Priya Shah' },
  { email: 'dave.okonkwo@example.org', name: 'Dave Okonkwo' },
  { email: 'helen.marsh@example.org', name: 'Helen Marsh' },
  { email: 'tomasz.nowak@example.org', name: 'Tomasz Nowak' },
  { email: 'rachel.green@example.org', name: 'Rachel Green' },
  { email: 'kwame.asante@example.org', name: 'Kwame Asante' },
  { email: 'siobhan.kelly@example.org', name: 'Siobhan Kelly' },
  { email: 'ade.bakare@example.org', name: 'Ade Bakare' },
];

interface ProposalSeed {
  author: number;
  title: string;
  summary: string;
  body: string;
  /** Residents (indexes) supporting it besides its author. */
  supporters: number[];
  hoursAgo: number;
  suggestions?: { by: number; body: string; ratings: [number, SuggestionDegree][] }[];
  /** A revision made in the discussion phase, taking up a suggestion. */
  revision?: { body: string; note: string };
}

const PROPOSALS: ProposalSeed[] = [
  {
    author: 0,
    title: 'Light the Burgess Park footpaths',
    summary: 'Low, warm lighting along the two paths people use to walk home from Walworth Road and Albany Road after dark.',
    body: 'Many of us cut through Burgess Park on the way home, and in winter that means walking in the dark from half past four.\n\n- Solar-powered bollard lights along the Albany Road and Wells Way paths\n- Warm, low light that does not disturb the wildlife by the lake\n- Maintained by the parks team with the existing contract',
    supporters: [1, 2, 4, 6, 7, 9],
    hoursAgo: 230,
    suggestions: [
      { by: 2, body: 'Please make sure the lights are dimmed after midnight, for the bats near the lake.', ratings: [[2, 'should'], [4, 'must'], [6, 'should'], [0, 'should']] },
      { by: 7, body: 'Add the path from the Chumleigh Gardens entrance too: it is the darkest stretch.', ratings: [[7, 'must'], [1, 'should'], [9, 'should-not']] },
    ],
    revision: {
      body: 'Many of us cut through Burgess Park on the way home, and in winter that means walking in the dark from half past four.\n\n- Solar-powered bollard lights along the Albany Road and Wells Way paths, and the path from Chumleigh Gardens\n- Warm, low light, dimmed after midnight so that it does not disturb the bats by the lake\n- Maintained by the parks team with the existing contract',
      note: 'Added the Chumleigh Gardens path and dimming after midnight, as supporters suggested.',
    },
  },
  {
    author: 3,
    title: 'A community fridge at Walworth Library',
    summary: 'A shared fridge where shops and neighbours leave surplus food for anyone to take, run with volunteers.',
    body: 'East Street market and the shops on Walworth Road throw away good food every evening. A community fridge at the library would let anyone take what they need, with volunteers checking it twice a day and a food hygiene plan agreed with the council.',
    supporters: [0, 5, 8, 9],
    hoursAgo: 200,
    suggestions: [{ by: 8, body: 'Could it open on Sundays too? That is when families run short before payday.', ratings: [[8, 'must'], [5, 'should'], [0, 'should']] }],
  },
  {
    author: 5,
    title: 'Planters and benches on East Street',
    summary: 'Large planters and six benches at the quiet end of East Street market, so older shoppers have somewhere to rest.',
    body: 'The market is busy and there is nowhere to sit. Six benches between Dawes Street and Blackwood Street, with planters the market traders and the gardens network would look after.',
    supporters: [1, 3, 6, 8],
    hoursAgo: 170,
  },
  {
    author: 9,
    title: 'Free bike repair sessions on Saturdays',
    summary: 'A mechanic and a stand of tools outside Camberwell Green library every Saturday morning, free for residents.',
    body: 'Lots of bikes sit unused because of a flat tyre or worn brakes. A fortnightly session would get them back on the road and teach people to fix their own.',
    supporters: [4, 7],
    hoursAgo: 120,
  },
];

const PROPOSAL_DISCUSSION = [
  { who: 4, stance: 'for' as const, hoursAgo: 50, body: 'Yes please. I walk this way from the Bricklayers Arms every evening and the stretch by the lake is pitch black.' },
  { who: 1, stance: 'question' as const, hoursAgo: 40, body: 'How much would this cost to run each year? Solar bollards are cheap to power but someone has to fix them when they break.' },
  { who: 0, stance: 'neutral' as const, hoursAgo: 36, replyTo: 1, body: 'The parks team estimate about £1,200 a year for maintenance under the existing contract; the rest of the budget goes on installing them.' },
];

async function seedConsultation(store: Store, council: OrgRecord, people: UserRecord[], now: Date): Promise<void> {
  const existing = await store.consultations.list(council.id, { phases: ['draft', 'proposing', 'discussion', 'frozen', 'voting', 'closed'], after: null, limit: 100 });
  if (existing.some((c) => c.title === DEMO_CONSULTATION_TITLE)) return;
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
  const officer = await store.users.byEmail('officer@southwark.example');
  const consultation = await store.consultations.create(
    council.id,
    {
      title: DEMO_CONSULTATION_TITLE,
      description:
        'The Walworth and Burgess Park ward forum has £40,000 from the Neighbourhood Fund for one local project. Residents proposed projects and gathered support; now discuss them, suggest improvements, and in a few weeks confirm your support before the vote. Each project needs 5 supporters to reach the ballot.',
      quorum: { kind: 'supporters', count: 5 },
      eligibility: 'verified',
      results: 'after-close',
      // The demo stays in its discussion phase: an officer moves it on by hand.
      autoAdvance: false,
      proposingEndsAt: new Date(now.getTime() - 3 * DAY).toISOString(),
      discussionEndsAt: new Date(now.getTime() + 14 * DAY).toISOString(),
      frozenEndsAt: new Date(now.getTime() + 21 * DAY).toISOString(),
      votingEndsAt: new Date(now.getTime() + 35 * DAY).toISOString(),
      createdBy: officer?.id ?? null,
    },
    at(260),
  );
  await store.consultations.advance(council.id, consultation.rowid, 'draft', at(250));
  const made: { id: string; rowid: number; seed: ProposalSeed }[] = [];
  for (const seed of PROPOSALS) {
    const proposal = await store.consultations.propose(
      council.id,
      consultation.rowid,
      { title: seed.title, summary: seed.summary, body: seed.body, authorId: people[seed.author]!.id },
      10,
      at(seed.hoursAgo),
    );
    for (const [i, who] of seed.supporters.entries()) await store.consultations.support(council.id, proposal.rowid, people[who]!.id, at(seed.hoursAgo - 2 - i * 5));
    made.push({ id: proposal.id, rowid: proposal.rowid, seed });
  }
  await store.consultations.advance(council.id, consultation.rowid, 'proposing', at(72));
  for (const { rowid, seed } of made) {
    for (const [i, suggestion] of (seed.suggestions ?? []).entries()) {
      const made = await store.consultations.suggest(council.id, rowid, { body: suggestion.body, authorId: people[suggestion.by]!.id }, at(60 - i * 6));
      for (const [who, degree] of suggestion.ratings) await store.consultations.rate(council.id, made.rowid, people[who]!.id, degree, at(50 - i * 6));
    }
    if (seed.revision) await store.consultations.revise(council.id, rowid, { body: seed.revision.body, note: seed.revision.note }, at(30));
  }
  const lit = made[0]!;
  await store.debate.importComments(
    council.id,
    `proposal:${lit.id}`,
    PROPOSAL_DISCUSSION.map((line) => ({
      ...(line.replyTo !== undefined ? { replyTo: line.replyTo } : {}),
      stance: line.stance,
      body: line.body,
      authorId: people[line.who]!.id,
      createdAt: at(line.hoursAgo).toISOString(),
      votes: people.filter((p) => p.id !== people[line.who]!.id).slice(0, 3).map((p) => ({ userId: p.id, value: 1 as const })),
    })),
  );
}

/** Options of the surgery poll, with how many of the seeded ballots choose each. */
const OPENING_HOURS = [
  { label: 'Weekday evenings until 8pm', description: 'Monday to Friday, appointments from 6.30pm to 8pm.', ballots: 23 },
  { label: 'Saturday mornings', description: '8am to 12 noon, for GP and nurse appointments.', ballots: 17 },
  { label: 'Early mornings from 7am', description: 'Monday to Friday, before work and the school run.', ballots: 9 },
  { label: 'Sunday mornings', description: '9am to 1pm, nurse appointments and blood tests only.', ballots: 4 },
];

async function seedSurgeryPoll(store: Store, trust: OrgRecord, now: Date): Promise<void> {
  const existing = await store.polls.list(trust.id, { statuses: ['draft', 'open', 'closed'], after: null, limit: 100 }, now);
  if (existing.some((p) => p.title === DEMO_POLL_TITLE)) return;
  const officer = await store.users.byEmail('officer@south-london-health.example');
  const poll = await store.polls.create(
    trust.id,
    {
      title: DEMO_POLL_TITLE,
      description: 'Peckham Road surgery can open for longer on one of these. Choose the one that would make it easiest for you to see a GP or nurse.',
      kind: 'single',
      minChoices: null,
      maxChoices: null,
      eligibility: 'verified',
      results: 'live',
      opensAt: null,
      closesAt: new Date(now.getTime() + 21 * DAY).toISOString(),
      options: OPENING_HOURS.map((option) => ({ label: option.label, description: option.description, image: null, location: null })),
      createdBy: officer?.id ?? null,
    },
    new Date(now.getTime() - 5 * DAY),
  );
  await store.polls.open(trust.id, poll.rowid, new Date(now.getTime() - 5 * DAY));
  // Ballots from the paper forms in the waiting room, without voters (one character per option: 1 chosen).
  const ballots = OPENING_HOURS.flatMap((option, i) => Array.from({ length: option.ballots }, () => OPENING_HOURS.map((_, j) => (i === j ? '1' : '0')).join('')));
  await store.polls.importBallots(trust.id, poll.rowid, ballots);
}

/** The council's consultation and the NHS trust's poll. */
export async function seedPollsDemo(store: Store, orgs: readonly OrgRecord[], now = new Date()): Promise<void> {
  const council = orgs.find((org) => org.slug === 'southwark');
  if (council) {
    const people: UserRecord[] = [];
    for (const person of RESIDENTS) people.push(await ensureMember(store, council, person, 'resident', [], now));
    await seedConsultation(store, council, people, now);
  }
  const trust = orgs.find((org) => org.slug === 'south-london-health');
  if (trust) await seedSurgeryPoll(store, trust, now);
}
