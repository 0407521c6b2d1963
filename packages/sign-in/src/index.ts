// @civic-elements/sign-in: the <civic-sign-in> class and its messages (importing defines nothing).
export { CivicSignIn } from './civic-sign-in.js';
export { signInMessages } from './messages.js';
export { CivicSignedInEvent, CivicSignedOutEvent, CivicCodeSentEvent } from '@civic-elements/core';
