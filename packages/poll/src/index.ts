// @civic-elements/poll: the <civic-poll> class, its events and messages (importing defines nothing).
export { CivicPoll } from './civic-poll.js';
export { CivicBallotCastEvent } from './events.js';
export { pollMessages } from './messages.js';
