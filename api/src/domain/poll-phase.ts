// Where a poll stands at a given moment: its stored status together with its opening and closing times.
// No scheduler is needed for a poll to close on time: an open poll past `closesAt` is closed. Pure.
import type { PollStatus } from '@civic-elements/protocol';

export interface PollTimes {
  /** As stored. */
  status: PollStatus;
  opensAt: string | null;
  closesAt: string | null;
  closedAt: string | null;
}

export interface PollPhase {
  status: PollStatus;
  /** Ballots are taken now. */
  accepting: boolean;
  /** Open but `opensAt` has not come yet. */
  notYet: boolean;
  /** When it closed (an officer's close, or `closesAt` once passed), if it has. */
  closedAt: string | null;
}

export function pollPhase(poll: PollTimes, now: Date): PollPhase {
  const at = now.getTime();
  if (poll.status === 'draft') return { status: 'draft', accepting: false, notYet: false, closedAt: null };
  if (poll.status === 'closed') return { status: 'closed', accepting: false, notYet: false, closedAt: poll.closedAt ?? poll.closesAt };
  if (poll.closesAt !== null && Date.parse(poll.closesAt) <= at) return { status: 'closed', accepting: false, notYet: false, closedAt: poll.closesAt };
  const notYet = poll.opensAt !== null && Date.parse(poll.opensAt) > at;
  return { status: 'open', accepting: !notYet, notYet, closedAt: null };
}
