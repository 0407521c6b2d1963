// Checks a resident's input before anything is sent: the same rules the API applies, in plain words.

export type Field = 'email' | 'name' | 'newPassword' | 'password' | 'code';
export type FieldErrors = Partial<Record<Field, string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Returns message keys per field; empty when everything is fine. */
export function checkEmail(email: string): FieldErrors {
  const value = email.trim();
  if (!value) return { email: 'sign-in.error.email.empty' };
  if (value.length > 254 || !EMAIL.test(value)) return { email: 'sign-in.error.email.format' };
  return {};
}

export function checkRegistration(name: string, email: string, newPassword: string, passwordsAllowed: boolean): FieldErrors {
  const errors: FieldErrors = {};
  const trimmed = name.trim();
  if (!trimmed) errors.name = 'sign-in.error.name.empty';
  else if (trimmed.length > 80) errors.name = 'sign-in.error.name.long';
  Object.assign(errors, checkEmail(email));
  if (passwordsAllowed && newPassword && newPassword.length < 10) errors.newPassword = 'sign-in.error.new-password.short';
  return errors;
}

/** The code without the spaces people type or paste. */
export const cleanCode = (code: string): string => code.replace(/\s+/g, '');

export function checkCode(code: string): FieldErrors {
  const value = cleanCode(code);
  if (!value) return { code: 'sign-in.error.code.empty' };
  if (!/^\d{6}$/.test(value)) return { code: 'sign-in.error.code.format' };
  return {};
}

export function checkPassword(password: string): FieldErrors {
  return password ? {} : { password: 'sign-in.error.password.empty' };
}
