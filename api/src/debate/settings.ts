// An organisation's debate settings, with the defaults for one that never changed them.
import { DebateSettings } from '@civic-elements/protocol';
import type { Store } from '../store/types.js';

export const DEFAULT_DEBATE_SETTINGS: DebateSettings = DebateSettings.parse({});

export async function debateSettingsOf(store: Store, orgId: string): Promise<DebateSettings> {
  return (await store.debate.settings(orgId)) ?? DEFAULT_DEBATE_SETTINGS;
}
