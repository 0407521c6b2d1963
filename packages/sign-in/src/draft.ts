// Keeps the in-progress sign-in (step, email, name) in sessionStorage, so a reload returns to it.

export interface Draft {
  step: 'email' | 'register' | 'code' | 'password';
  email: string;
  name: string;
}

const key = (api: string, org: string) => `civic-elements.sign-in:${api.replace(/\/+$/, '')}:${org}`;

export function readDraft(api: string, org: string): Draft | undefined {
  try {
    const value = JSON.parse(sessionStorage.getItem(key(api, org)) ?? 'null') as Partial<Draft> | null;
    if (value && typeof value.email === 'string' && ['email', 'register', 'code', 'password'].includes(value.step ?? '')) {
      return { step: value.step!, email: value.email, name: typeof value.name === 'string' ? value.name : '' };
    }
  } catch {
    // a corrupt or blocked store only means no draft
  }
  return undefined;
}

export function writeDraft(api: string, org: string, draft: Draft | undefined): void {
  try {
    if (draft) sessionStorage.setItem(key(api, org), JSON.stringify(draft));
    else sessionStorage.removeItem(key(api, org));
  } catch {
    // storage blocked: the draft lives in memory only
  }
}
