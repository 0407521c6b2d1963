// The words of <civic-poll> in English that the first paint needs; the words of the chunks (the ballot
// form, the ranked ballot, results, receipts) come with them (messages-more.ts); Italian and Arabic (all
// of them) are in messages.it.ts and messages.ar.ts.

export const en = {
  'poll.loading': 'Loading the poll…',
  'poll.retry': 'Try again',
  'poll.not-found': 'We could not find this poll. It may have been taken down.',
  'poll.status.open': 'Open for voting.',
  'poll.status.until': 'Open for voting until {date}.',
  'poll.status.opens': 'Voting opens on {date}.',
  'poll.status.closed': 'Voting has closed.',
  'poll.status.closed-on': 'Voting closed on {date}.',
  'poll.status.draft': 'Draft: only officers can see this poll.',
  'poll.turnout_one': '{count} person has voted.',
  'poll.turnout_other': '{count} people have voted.',
  'poll.map': '{label} on the map',
  'poll.options': 'The options',
  'poll.change': 'Change my vote',
  'poll.signed-out': 'Sign in to vote. You need an account with a confirmed email address.',
  'poll.cannot': 'You cannot vote in this poll.',
  'poll.results.later': 'The results will be published when the poll closes.',
  'poll.results.later-on': 'The results will be published when the poll closes, on {date}.',
  'poll.part.loading': 'Loading…',
  'poll.check': 'Check a receipt',
};
export type PollMessageKey = keyof typeof en;

/**
 * English is in every bundle (it is the fallback); Italian and Arabic load on first use, so a page in
 * one language does not download the others. Registered by CivicElement (no module side effects).
 */
export const pollMessages = {
  en,
  it: () => import('./messages.it.js').then((module) => module.it),
  ar: () => import('./messages.ar.js').then((module) => module.ar),
};
