// `proposal:<id>` as a discussion subject: each proposal of a consultation the public can see has its
// own `<civic-debate subject="proposal:ID">`, titled with the proposal's title.
import { registerSubjectKind, type SubjectResolver } from '../debate/subjects.js';

export const resolveProposal: SubjectResolver = async (deps, org, value) => {
  const proposal = value.length <= 64 ? await deps.store.consultations.proposal(org.id, value) : null;
  if (!proposal) return null;
  const consultation = await deps.store.consultations.byId(org.id, proposal.consultationId);
  if (!consultation || consultation.phase === 'draft') return null;
  return { kind: 'proposal', key: `proposal:${proposal.id}`, title: proposal.title, url: null };
};

/** Makes proposals discussable (idempotent). The consultation routes call it when the app is built. */
export function registerProposalSubject(): void {
  registerSubjectKind('proposal', resolveProposal);
}
