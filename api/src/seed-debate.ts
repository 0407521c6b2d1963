// Demo discussions: "Should Walworth Road get a 20 mph limit?" on the council's demo page, with every
// stance, replies three levels deep, votes and an official response from Highways; and a short
// discussion under one of Peckham's community gardens on the map. Times are relative to seeding.
import type { Stance } from '@civic-elements/protocol';
import { ensureMember } from './seed.js';
import type { ImportedComment, OrgRecord, Store, UserRecord } from './store/types.js';

const PEOPLE = [
  { email: 'joanne.adeyemi@example.org', name: 'Joanne Adeyemi' },
  { email: 'mark.fletcher@example.org', name: 'Mark Fletcher' },
  { email: 'priya.shah@example.org', name: 'Priya Shah' },
  { email: 'dave.okonkwo@example.org', name: 'Dave Okonkwo' },
  { email: 'helen.marsh@example.org', name: 'Helen Marsh' },
  { email: 'tomasz.nowak@example.org', name: 'Tomasz Nowak' },
  { email: 'rachel.green@example.org', name: 'Rachel Green' },
  { email: 'kwame.asante@example.org', name: 'Kwame Asante' },
];

type Line = { who: number | 'officer'; stance: Stance; body: string; replyTo?: number; hoursAgo: number; up?: number; down?: number };

const WALWORTH: Line[] = [
  { who: 0, stance: 'for', hoursAgo: 70, up: 6, body: 'Yes, please. I cross Walworth Road with two children every morning by the Albany Road junction and drivers come through far too fast once the lights change. **20 mph would make the school run less frightening.**' },
  { who: 1, stance: 'against', hoursAgo: 68, up: 2, down: 3, body: 'The buses are slow enough already. The 12, 35, 40, 68, 171 and 176 all crawl along here at rush hour; a lower limit only matters at night, when the road is empty.' },
  { who: 2, stance: 'for', replyTo: 1, hoursAgo: 66, up: 4, body: 'Night is exactly when it matters. Most of the serious collisions near East Street market were after dark, when cars *can* get up to speed.' },
  { who: 1, stance: 'neutral', replyTo: 2, hoursAgo: 65, up: 1, body: 'Fair point about the evenings. Is there data on that, or is it what people remember?' },
  { who: 'officer', stance: 'neutral', replyTo: 3, hoursAgo: 60, up: 7, body: 'There is. Transport for London’s collision data for 2021–2023 shows 41 injury collisions on Walworth Road between Elephant and Castle and Camberwell Green, 17 of them between 7 pm and 6 am. We will publish the full figures with the consultation report.' },
  { who: 3, stance: 'question', hoursAgo: 58, up: 3, body: 'Would this be enforced? The 20 mph on the side streets is ignored by half the delivery vans. Will there be cameras, or just signs?' },
  { who: 'officer', stance: 'neutral', replyTo: 5, hoursAgo: 55, up: 5, body: 'The proposal includes two average-speed cameras, raised tables at the Merrow Street and Penton Place crossings, and work with the Met’s roads policing team. Signs alone are not enough, we agree.' },
  { who: 4, stance: 'for', hoursAgo: 50, up: 4, body: 'Cycling from Camberwell to the Elephant is terrifying at the moment. Slower traffic would get more people on bikes:\n\n- fewer close passes\n- easier right turns into the side roads\n- less noise for the flats above the shops' },
  { who: 5, stance: 'against', hoursAgo: 44, up: 1, down: 2, body: 'I drive a black cab. Every new restriction adds minutes to fares and nobody thanks us for it. Fix the potholes first.' },
  { who: 6, stance: 'neutral', replyTo: 8, hoursAgo: 40, up: 2, body: 'The potholes are on the council’s list as well (there is a report for the one outside the library). Both can happen.' },
  { who: 7, stance: 'question', hoursAgo: 30, up: 2, body: 'Does the limit stop at the borough boundary? Kennington Park Road is Lambeth, and it would be odd to speed up again halfway to the station.' },
  { who: 2, stance: 'for', hoursAgo: 20, up: 1, body: 'Having read the thread: the night-time figures persuade me more than anything. I support it, cameras and all.' },
];

const GARDEN: Line[] = [
  { who: 6, stance: 'for', hoursAgo: 48, up: 3, body: 'Lovely space. The Saturday morning sessions are very welcoming to beginners, and the herb beds are open to anyone who helps water them.' },
  { who: 3, stance: 'question', hoursAgo: 30, up: 1, body: 'Is the path from the Warwick Gardens entrance step-free? My mum uses a walker.' },
  { who: 'officer', stance: 'neutral', replyTo: 1, hoursAgo: 26, up: 2, body: 'Yes: the gate on Lyndhurst Grove has a level path to the raised beds, and there is a bench halfway. Ask for Luca at the shed and we can open the wider gate.' },
  { who: 0, stance: 'for', hoursAgo: 5, body: 'We joined last month. The children planted broad beans and now ask every weekend whether they have grown.' },
];

async function seedLines(store: Store, org: OrgRecord, subject: string, lines: Line[], officer: { id: string; department: string | null }, now: Date): Promise<void> {
  const people: UserRecord[] = [];
  for (const person of PEOPLE) people.push(await ensureMember(store, org, person, 'resident', [], now));
  const comments: ImportedComment[] = lines.map((line, index) => {
    const authorId = line.who === 'officer' ? officer.id : people[line.who]!.id;
    // Voters: anyone but the author, first the ups then the downs.
    const voters = people.filter((p) => p.id !== authorId);
    const votes: { userId: string; value: 1 | -1 }[] = [];
    for (let i = 0; i < (line.up ?? 0) && i < voters.length; i++) votes.push({ userId: voters[(i + index) % voters.length]!.id, value: 1 });
    for (let i = 0; i < (line.down ?? 0); i++) {
      const voter = voters[(i + index + (line.up ?? 0)) % voters.length]!;
      if (!votes.some((v) => v.userId === voter.id)) votes.push({ userId: voter.id, value: -1 });
    }
    return {
      ...(line.replyTo !== undefined ? { replyTo: line.replyTo } : {}),
      stance: line.stance,
      body: line.body,
      authorId,
      official: line.who === 'officer' ? { organisation: org.name, department: officer.department } : null,
      createdAt: new Date(now.getTime() - line.hoursAgo * 3_600_000).toISOString(),
      votes,
    };
  });
  await store.debate.importComments(org.id, subject, comments);
}

/** The council page's debate (on `demoOrigin`/council.html) and a garden's discussion in Peckham. */
export async function seedDebateDemo(store: Store, orgs: readonly OrgRecord[], demoOrigin: string | undefined, now = new Date()): Promise<void> {
  const council = orgs.find((org) => org.slug === 'southwark');
  if (council && demoOrigin) {
    const officer = await store.users.byEmail('officer@southwark.example');
    const highways = (await store.orgs.departments(council.id)).find((d) => d.slug === 'highways');
    if (officer) await seedLines(store, council, `page:${new URL(demoOrigin).origin}/council.html`, WALWORTH, { id: officer.id, department: highways?.name ?? null }, now);
  }
  const gardens = orgs.find((org) => org.slug === 'peckham-gardens');
  if (gardens) {
    const [project] = await store.maps.projects(gardens.id, ['active'], { after: null, limit: 1 });
    const [garden] = project ? await store.maps.contributions(gardens.id, project.id, ['active'], { after: null, limit: 1 }) : [];
    const officer = await store.users.byEmail('officer@peckham-gardens.example');
    const growing = (await store.orgs.departments(gardens.id)).find((d) => d.slug === 'growing-spaces');
    if (garden && officer) await seedLines(store, gardens, `contribution:${garden.id}`, GARDEN, { id: officer.id, department: growing?.name ?? null }, now);
  }
}
