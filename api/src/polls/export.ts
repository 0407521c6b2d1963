// The anonymised ballot set as CSV or JSON, streamed page by page (a million ballots is tens of MB):
// one row per ballot, ordered by its random id, with the receipt hash and one number per option.
// No voter, no time, no order of casting is in it. protocol's BallotExport describes the JSON.
import type { BallotExport, PollKind } from '@civic-elements/protocol';
import { choiceValues } from '../domain/ballots.js';
import { csvRow, UTF8_BOM } from '../domain/csv.js';
import { pollPhase } from '../domain/poll-phase.js';
import type { Deps } from '../http/env.js';
import type { PollRecord, StoredBallot } from '../store/types.js';

/** Ballots read from the store at a time. */
const PAGE = 5000;

/** What a CSV column holds, for the header's first cell. */
const VALUE_WORDS: Record<PollKind, string> = {
  single: '1 chosen, 0 not',
  multiple: '1 chosen, 0 not',
  approval: '1 approved, 0 not',
  score: 'score 0 to 5',
  ranked: 'rank, 0 unranked',
};

/** A file name made of the poll's title: letters, digits and hyphens. */
export function exportName(title: string, extension: string): string {
  const stem = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-')
    .slice(0, 60);
  return `${stem || 'poll'}-ballots.${extension}`;
}

const hex = (hash: Buffer | null) => (hash ? hash.toString('hex') : null);

/** Streams the text `head`, then each page of ballots written by `row` (joined by `separator`), then `tail`. */
function ballotStream(deps: Deps, poll: PollRecord, parts: { head: string; row: (ballot: StoredBallot) => string; separator: string; tail: string }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = 0;
  let first = true;
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(parts.head));
    },
    async pull(controller) {
      if (done) return;
      try {
        const page = await deps.store.polls.ballots(poll.orgId, poll.rowid, after, PAGE);
        if (page.length > 0) {
          let text = '';
          for (const ballot of page) {
            text += (first ? '' : parts.separator) + parts.row(ballot);
            first = false;
          }
          after = page[page.length - 1]!.id;
          controller.enqueue(encoder.encode(text));
        }
        if (page.length < PAGE) {
          done = true;
          controller.enqueue(encoder.encode(parts.tail));
          controller.close();
        }
      } catch (error) {
        // The poll was deleted mid-download, or the database went away: end the download as broken.
        controller.error(error);
      }
    },
  });
}

/** CSV: `receipt` then one column per option (its label); the first row says what the numbers mean. */
export function csvExport(deps: Deps, poll: PollRecord): ReadableStream<Uint8Array> {
  const header = csvRow([`receipt (${VALUE_WORDS[poll.kind]})`, ...poll.options.map((option) => option.label)]);
  return ballotStream(deps, poll, {
    head: UTF8_BOM + header,
    row: (ballot) => csvRow([hex(ballot.receiptHash), ...choiceValues(ballot.choices)]),
    separator: '',
    tail: '',
  });
}

/** JSON (BallotExport), written as it is read. */
export function jsonExport(deps: Deps, poll: PollRecord, turnout: number): ReadableStream<Uint8Array> {
  const multiple = poll.kind === 'multiple';
  const head: Omit<BallotExport, 'ballots'> = {
    format: 'civic-poll-ballots/1',
    poll: {
      id: poll.id,
      title: poll.title,
      kind: poll.kind,
      minChoices: multiple ? (poll.minChoices ?? 1) : null,
      maxChoices: multiple ? (poll.maxChoices ?? poll.options.length) : null,
      status: pollPhase(poll, deps.clock()).status,
    },
    options: poll.options.map((option) => ({ id: option.id, label: option.label })),
    turnout,
  };
  const opening = JSON.stringify(head);
  return ballotStream(deps, poll, {
    head: `${opening.slice(0, -1)},"ballots":[`,
    row: (ballot) => JSON.stringify({ receipt: hex(ballot.receiptHash), choices: choiceValues(ballot.choices) }),
    separator: ',',
    tail: ']}',
  });
}
