// The words of <civic-sign-in> in English (Italian and Arabic are in messages.it.ts and messages.ar.ts; plurals by Intl.PluralRules).

export const en = {
  'sign-in.heading': 'Sign in or create an account',
  'sign-in.email.label': 'Email address',
  'sign-in.email.hint': "We'll send a code to this address to check it's yours.",
  'sign-in.continue': 'Continue',
  'sign-in.sending': 'Sending',
  'sign-in.unknown-email': "We can't find an account for this email address. Check it is right, or create an account.",
  'sign-in.create-account': 'Create an account',
  'sign-in.register.heading': 'Create an account',
  'sign-in.name.label': 'Your name',
  'sign-in.name.hint': 'This is shown when you take part, for example next to your comments.',
  'sign-in.new-password.label': 'Create a password (optional)',
  'sign-in.new-password.hint': 'You can always sign in with a code sent to your email. A password has at least 10 characters.',
  'sign-in.register.submit': 'Create account',
  'sign-in.code.heading': 'Check your email',
  'sign-in.code.sent': "We've sent a 6-digit code to {email}. It expires in 10 minutes.",
  'sign-in.code.label': 'Code',
  'sign-in.code.hint': 'The code is in the email we have just sent. It can take a few minutes to arrive.',
  'sign-in.submit': 'Sign in',
  'sign-in.signing-in': 'Signing in',
  'sign-in.resend': 'Send a new code',
  'sign-in.resent': "We've sent a new code to {email}.",
  'sign-in.change-email': 'Use a different email address',
  'sign-in.use-password': 'Sign in with your password instead',
  'sign-in.use-code': 'Sign in with a code instead',
  'sign-in.password.heading': 'Sign in with your password',
  'sign-in.password.label': 'Password',
  'sign-in.signed-in.heading': 'Signed in as {name}',
  'sign-in.signed-in.announce': 'You are signed in as {name}.',
  'sign-in.sign-out': 'Sign out',
  'sign-in.signed-out': 'You have signed out.',
  'sign-in.trigger': 'Sign in',
  'sign-in.error.email.empty': 'Enter your email address',
  'sign-in.error.email.format': 'Enter an email address in the right format, like name@example.com',
  'sign-in.error.name.empty': 'Enter your name',
  'sign-in.error.name.long': 'Your name must be 80 characters or fewer',
  'sign-in.error.new-password.short': 'A password must have at least 10 characters',
  'sign-in.error.password.empty': 'Enter your password',
  'sign-in.error.code.empty': 'Enter the 6-digit code from the email',
  'sign-in.error.code.format': 'The code must be 6 digits, like 123456',
  'sign-in.error.wrong-code_one': 'That code is not right. You have {count} try left.',
  'sign-in.error.wrong-code_other': 'That code is not right. You have {count} tries left.',
  'error.no_code': 'Ask for a new code first.',
  'error.wrong_code': 'That code is not right.',
  'error.code_expired': 'That code has expired. Send a new code.',
  'error.code_exhausted': 'You have entered too many wrong codes. Send a new code.',
  'error.wrong_password': 'That password is not right.',
  'error.no_password': 'This account has no password. Sign in with a code sent to your email instead.',
};
export type SignInMessageKey = keyof typeof en;

/**
 * English is in every bundle (it is the fallback); Italian and Arabic load on first use, so a page
 * in one language does not download the others. Registered by CivicElement (no module side effects).
 */
export const signInMessages = {
  en,
  it: () => import('./messages.it.js').then((module) => module.it),
  ar: () => import('./messages.ar.js').then((module) => module.ar),
};
