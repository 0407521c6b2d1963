// Keeps an unsent contribution (its category and answers, not its photos) in sessionStorage, so a
// failed submit, a reload or a lost connection never loses what a resident typed.
import type { FieldInputs } from '@civic-elements/core';

export interface ContributionDraft {
  category: string;
  inputs: FieldInputs;
}

const key = (api: string, org: string, project: string) =>
  `civic-elements.contribution:${api.replace(/\/+$/, '')}:${org}:${project}`;

export function readContributionDraft(api: string, org: string, project: string): ContributionDraft | undefined {
  try {
    const value = JSON.parse(sessionStorage.getItem(key(api, org, project)) ?? 'null') as Partial<ContributionDraft> | null;
    if (value && typeof value.category === 'string' && value.inputs && typeof value.inputs === 'object') {
      return { category: value.category, inputs: value.inputs };
    }
  } catch {
    // a corrupt or blocked store only means no draft
  }
  return undefined;
}

export function writeContributionDraft(api: string, org: string, project: string, draft: ContributionDraft | undefined): void {
  try {
    if (draft) sessionStorage.setItem(key(api, org, project), JSON.stringify(draft));
    else sessionStorage.removeItem(key(api, org, project));
  } catch {
    // storage blocked or full: the draft lives in memory only
  }
}
