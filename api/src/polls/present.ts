// Polls and results as the API hands them out (protocol's Poll and PollResults).
import type { Point, Poll, PollOption, PollResults, PollYou } from '@civic-elements/protocol';
import { pollPhase } from '../domain/poll-phase.js';
import { resultsOf } from '../domain/tally.js';
import type { PollOptionRecord, PollRecord } from '../store/types.js';

export function optionOut(option: PollOptionRecord, base: string): PollOption {
  const image = option.image;
  let shown: PollOption['image'] = null;
  if (image?.mediaId) {
    const at = `${base}/v1/media/${encodeURIComponent(image.mediaId)}`;
    shown = { mediaId: image.mediaId, url: `${at}/large.jpg`, thumb: `${at}/thumb.jpg`, alt: image.alt ?? '' };
  } else if (image?.url) {
    shown = { mediaId: null, url: image.url, thumb: image.url, alt: image.alt ?? '' };
  }
  const location: Point | null = option.location ? { type: 'Point', coordinates: option.location } : null;
  return {
    id: option.id,
    label: option.label,
    description: option.description,
    image: shown,
    location,
    ...(option.proposalId !== null ? { proposalId: option.proposalId } : {}),
    ...(option.statusQuo ? { statusQuo: true } : {}),
  };
}

export interface PollView {
  /** The origin absolute URLs start with. */
  base: string;
  now: Date;
  /** Whether the reader may see turnout and results. */
  results: boolean;
  you?: PollYou;
}

export function pollOut(poll: PollRecord, view: PollView): Poll {
  const phase = pollPhase(poll, view.now);
  const multiple = poll.kind === 'multiple';
  return {
    id: poll.id,
    title: poll.title,
    description: poll.description,
    kind: poll.kind,
    minChoices: multiple ? (poll.minChoices ?? 1) : null,
    maxChoices: multiple ? (poll.maxChoices ?? poll.options.length) : null,
    options: poll.options.map((option) => optionOut(option, view.base)),
    eligibility: poll.eligibility,
    results: poll.results,
    status: phase.status,
    acceptingBallots: phase.accepting,
    opensAt: poll.opensAt,
    closesAt: poll.closesAt,
    openedAt: poll.openedAt,
    closedAt: phase.closedAt,
    createdAt: poll.createdAt,
    updatedAt: poll.updatedAt,
    turnout: view.results ? poll.turnout : null,
    ...(poll.consultationId !== null ? { consultationId: poll.consultationId } : {}),
    ...(view.you ? { you: view.you } : {}),
  };
}

/** The results of a tally (the running one, or a recount's). */
export function resultsOut(poll: PollRecord, tally: { tally: Int32Array; turnout: number }, now: Date, lastEventId?: number): PollResults {
  const phase = pollPhase(poll, now);
  const counted = resultsOf(poll.kind, poll.options.length, tally.tally, tally.turnout);
  const ids = poll.options.map((option) => option.id);
  return {
    pollId: poll.id,
    kind: poll.kind,
    status: phase.status,
    final: phase.status === 'closed',
    turnout: tally.turnout,
    options: poll.options.map((option, i) => ({ id: option.id, label: option.label, ...counted.options[i]! })),
    winners: counted.winners.map((i) => ids[i]!),
    ...(counted.schulze ? { schulze: { d: counted.schulze.d, p: counted.schulze.p, ranking: counted.schulze.ranking.map((tier) => tier.map((i) => ids[i]!)) } } : {}),
    ...(lastEventId !== undefined ? { lastEventId: String(lastEventId) } : {}),
  };
}
