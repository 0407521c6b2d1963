// <civic-poll consultation="ID">, a chunk loaded only for a consultation: its phases as a step list
// with dates, what the reader may do, the proposals (support against the quorum, support and confirm,
// propose, a discussion per proposal, suggestions in the discussion phase), the vote (the poll part of
// <civic-poll>, for the consultation's ranked poll) and the outcome. Its live stream
// (`consultation:<id>`) updates the counts and reads everything again when the phase changes.
import { css, html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { ApiError, formatDate, openLiveStream, registerMessages, textField, type LiveStream } from '@civic-elements/core';
import type { Consultation, ConsultationCountsEvent, Proposal, Suggestion, SuggestionDegree, SuggestionList } from '@civic-elements/protocol';
import type { CivicPoll } from './civic-poll.js';

export const en = {
  'poll.c.loading': 'Loading the consultation…',
  'poll.c.not-found': 'We could not find this consultation. It may have been taken down.',
  'poll.c.phases': 'Phases',
  'poll.c.phase.proposing': 'Proposing',
  'poll.c.phase.discussion': 'Discussion',
  'poll.c.phase.frozen': 'Confirming support',
  'poll.c.phase.voting': 'Voting',
  'poll.c.phase.closed': 'Closed',
  'poll.c.phase.draft': 'Draft',
  'poll.c.until': 'until {date}',
  'poll.c.ended': 'ended {date}',
  'poll.c.current': '(now)',
  'poll.c.you': 'What you can do',
  'poll.c.you.proposing': 'Propose a solution, and support the proposals you want to see on the ballot.',
  'poll.c.you.discussion': 'Discuss the proposals, support them or take your support back, and make suggestions on the ones you support.',
  'poll.c.you.frozen': 'Confirm your support: only confirmed support counts when this phase ends.',
  'poll.c.you.voting': 'Rank the proposals in your order of preference.',
  'poll.c.you.closed': 'The consultation has closed.',
  'poll.c.you.draft': 'This consultation has not started.',
  'poll.c.signed-out': 'Sign in to take part. You need an account with a confirmed email address.',
  'poll.c.proposals': 'Proposals',
  'poll.c.none': 'No proposals yet.',
  'poll.c.by': 'By {name}',
  'poll.c.count': '{count} of {needed} supporters needed',
  'poll.c.count.confirmed': '{count} of {needed} confirmed supporters needed',
  'poll.c.bar': 'Support for “{title}”',
  'poll.c.status.admitted': 'Admitted',
  'poll.c.status.proposed': 'Not admitted yet',
  'poll.c.status.not-admitted': 'Not admitted',
  'poll.c.status.withdrawn': 'Withdrawn',
  'poll.c.support': 'Support',
  'poll.c.unsupport': 'Withdraw support',
  'poll.c.confirm': 'Confirm my support',
  'poll.c.unconfirm': 'Take back confirmation',
  'poll.c.supported': 'You support “{title}”.',
  'poll.c.unsupported': 'You no longer support “{title}”.',
  'poll.c.confirmed': 'You confirmed your support for “{title}”.',
  'poll.c.unconfirmed': 'You took back your confirmation for “{title}”.',
  'poll.c.discuss': 'Discuss “{title}”',
  'poll.c.suggestions': 'Suggestions ({count})',
  'poll.c.suggestions.none': 'No suggestions yet.',
  'poll.c.suggestion.add': 'Your suggestion',
  'poll.c.suggestion.send': 'Add suggestion',
  'poll.c.suggestion.added': 'Your suggestion was added.',
  'poll.c.rate': 'Your rating',
  'poll.c.rated': 'Rating saved.',
  'poll.c.degree.must': 'Must',
  'poll.c.degree.should': 'Should',
  'poll.c.degree.should-not': 'Should not',
  'poll.c.degree.must-not': 'Must not',
  'poll.c.ratings': 'Must {must} · Should {should} · Should not {shouldNot} · Must not {mustNot}',
  'poll.c.propose': 'Propose a solution',
  'poll.c.field.title': 'Title',
  'poll.c.field.summary': 'Summary',
  'poll.c.field.summary.hint': 'One or two sentences, shown under the title.',
  'poll.c.field.body': 'The whole proposal (optional)',
  'poll.c.submit': 'Submit proposal',
  'poll.c.proposed': 'Your proposal “{title}” was submitted.',
  'poll.c.revise': 'Revise the proposal',
  'poll.c.field.note': 'What you changed and why (optional)',
  'poll.c.save': 'Save the new version',
  'poll.c.revised': 'The new version of “{title}” is saved.',
  'poll.c.vote': 'The vote',
  'poll.c.outcome': 'The outcome',
  'poll.c.outcome.winner': 'The winner is “{title}”.',
  'poll.c.outcome.status-quo': 'Keeping things as they are won: no proposal will be taken up.',
  'poll.c.outcome.tie': 'A tie for first place between: {list}.',
  'poll.c.outcome.no-ballots': 'Nobody voted, so there is no winner.',
  'poll.c.outcome.no-admitted-proposals': 'No proposal had enough confirmed support, so there was no vote.',
  'poll.c.status-quo': 'Keep things as they are',
  'poll.c.turnout': 'Ballots cast: {count}.',
  'poll.c.moved': 'The consultation is now in its {phase} phase.',
  'poll.c.counts': 'Support counts updated.',
};

const styles = css`
  .phases {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    margin: 0 0 var(--_space);
    padding: 0;
    list-style: none;
  }
  .phases > li {
    padding: 0.25em 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .phases > [aria-current] {
    border-width: 3px;
    font-weight: 700;
  }
  .phases span {
    display: block;
    color: var(--_muted);
    font-weight: 400;
  }
  .proposals {
    margin: 0 0 var(--_space);
    padding: 0;
    list-style: none;
  }
  .proposal {
    margin: 0 0 var(--_space);
    padding: 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .proposal h4 {
    margin: 0 0 0.25em;
  }
  .proposal progress {
    width: 100%;
    max-width: 20em;
    height: 1em;
  }
  .proposal details {
    margin-top: 0.5em;
  }
  .proposal summary {
    min-height: 44px;
    line-height: 44px;
    cursor: pointer;
  }
  .rates {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em;
  }
  textarea {
    width: 100%;
    box-sizing: border-box;
    font: inherit;
    min-height: 5em;
  }
`;

const DEGREES: SuggestionDegree[] = ['must', 'should', 'should-not', 'must-not'];
type Draft = { title: string; summary: string; body: string; note?: string };

export class ConsultationView implements ReactiveController {
  data: Consultation | undefined;
  #status: 'loading' | 'ready' | 'error' = 'loading';
  #problem: unknown;
  #key = '';
  #generation = 0;
  #busy = new Set<string>();
  #draft: Draft = { title: '', summary: '', body: '' };
  #errors: Record<string, string> = {};
  #open = new Set<string>();
  #suggestions = new Map<string, Suggestion[]>();
  #suggestion = new Map<string, string>();
  /** Revisions being written, by proposal id. */
  #revisions = new Map<string, Draft>();
  #stream: LiveStream | undefined;
  #lastEventId = '';

  constructor(readonly host: CivicPoll) {
    registerMessages('en', en);
    host.adopt(styles);
    host.addController(this);
    host.requestUpdate();
  }

  get #path(): string {
    return `/v1/orgs/${encodeURIComponent(this.host.resolvedOrg)}/consultations/${encodeURIComponent(this.host.consultation?.trim() ?? '')}`;
  }

  #t(key: string, params?: Record<string, string | number>): string {
    return this.host.text(key, params);
  }

  hostUpdate(): void {
    const host = this.host;
    // The vote's "Keep things as they are" in the reader's language (the API names it in English).
    const quo = new Set(host.pollInfo?.options.filter((o) => o.statusQuo).map((o) => o.id));
    const word = this.#t('poll.c.status-quo');
    for (const option of [...(host.pollInfo?.options ?? []), ...(host.results?.options ?? [])]) if (quo.has(option.id)) option.label = word;
    const key = JSON.stringify([host.resolvedApi, host.resolvedOrg, host.session?.user?.id ?? '', host.consultation]);
    if (key !== this.#key && host.isConnected) {
      this.#key = key;
      void this.load(false);
    }
  }

  hostDisconnected(): void {
    this.#close();
    this.#key = '';
  }

  #close(): void {
    this.#stream?.close();
    this.#stream = undefined;
  }

  /** Reads the consultation (quietly: keeps what is shown), then its vote and its stream. */
  async load(quiet: boolean): Promise<void> {
    const host = this.host;
    const generation = ++this.#generation;
    if (!quiet) this.#status = 'loading';
    host.requestUpdate();
    try {
      if (!host.resolvedApi || !host.resolvedOrg || !host.consultation?.trim()) throw new ApiError(404, 'not_found', 'No api, org or consultation');
      const data = await host.client.get<Consultation>(this.#path);
      if (generation !== this.#generation) return;
      const phaseChanged = this.data && this.data.phase !== data.phase;
      this.data = data;
      this.#status = 'ready';
      // The vote (its poll) from the voting phase on; another consultation has none of this one's.
      const vote = data.pollId && (data.phase === 'voting' || data.phase === 'closed') ? data.pollId : undefined;
      if (vote && host.vote === vote && phaseChanged) host.refresh();
      host.vote = vote;
      if (data.phase === 'closed' || data.phase === 'draft') this.#close();
      else if (!this.#stream) this.#connect(data);
      if (!quiet && !host.session?.signedIn && !customElements.get('civic-sign-in')) void import('@civic-elements/sign-in/define.js');
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#status = 'error';
      this.#problem = error;
      host.announce(this.#errorText(error));
    }
    host.requestUpdate();
  }

  #errorText(error: unknown): string {
    if (error instanceof ApiError && error.code === 'not_found' && !this.data) return this.#t('poll.c.not-found');
    // The API says why in a resident's words (wrong phase, not eligible, your own proposal); rate limits and failures in the reader's language.
    return error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429 && error.message ? error.message : this.host.errorText(error);
  }

  #connect(data: Consultation): void {
    const host = this.host;
    this.#stream = openLiveStream({
      base: host.client.base,
      org: host.resolvedOrg,
      topic: 'consultation:' + data.id,
      resumeFrom: () => this.#lastEventId || this.data?.lastEventId || '',
      seen: (id) => (this.#lastEventId = id),
      wanted: () => host.isConnected,
      on: {
        phase: (event) => {
          try {
            const phase = (JSON.parse(event.data) as { phase: string }).phase;
            host.announce(this.#t('poll.c.moved', { phase: this.#t('poll.c.phase.' + phase) }));
          } catch {
            // a malformed event still reads the consultation again
          }
          void this.load(true);
        },
        counts: (event) => {
          try {
            this.#counts(JSON.parse(event.data) as ConsultationCountsEvent);
          } catch {
            // a malformed event changes nothing
          }
        },
        proposal: () => void this.load(true),
      },
    });
  }

  #counts(event: ConsultationCountsEvent): void {
    const data = this.data;
    if (!data || event.id !== data.id) return;
    const counts = new Map(event.proposals.map((p) => [p.id, p]));
    // What the reader just did comes back through the stream too: only news is said.
    const news = data.proposals.some((p) => {
      const fresh = counts.get(p.id);
      return fresh && (fresh.supporters !== p.supporters || fresh.confirmed !== p.confirmed || fresh.status !== p.status);
    });
    this.data = {
      ...data,
      participants: event.participants,
      quorumNeeded: event.quorumNeeded,
      proposals: data.proposals.map((p) => {
        const fresh = counts.get(p.id);
        return fresh ? { ...p, status: fresh.status, supporters: fresh.supporters, confirmed: fresh.confirmed } : p;
      }),
    };
    if (news) this.host.announce(this.#t('poll.c.counts'));
    this.host.requestUpdate();
  }

  /** Support, withdraw support, confirm or take back a confirmation; focus stays on the button. */
  async #act(proposal: Proposal, what: 'support' | 'confirmation', on: boolean, id: string): Promise<void> {
    const host = this.host;
    if (this.#busy.has(proposal.id)) return;
    this.#busy.add(proposal.id);
    delete this.#errors['p-' + proposal.id];
    host.requestUpdate();
    try {
      const fresh = await host.client.request<Proposal>(on ? 'PUT' : 'DELETE', `${this.#path}/proposals/${proposal.id}/${what}`);
      this.#replace(fresh);
      const word = what === 'support' ? (on ? 'supported' : 'unsupported') : on ? 'confirmed' : 'unconfirmed';
      host.announce(this.#t('poll.c.' + word, { title: proposal.title }));
    } catch (error) {
      this.#errors['p-' + proposal.id] = this.#errorText(error);
      host.announce(this.#errors['p-' + proposal.id]!);
    } finally {
      this.#busy.delete(proposal.id);
      host.requestUpdate();
      host.focusSoon(id);
    }
  }

  #replace(fresh: Proposal): void {
    if (!this.data) return;
    this.data = { ...this.data, proposals: this.data.proposals.map((p) => (p.id === fresh.id ? fresh : p)) };
  }

  async #propose(event: Event): Promise<void> {
    event.preventDefault();
    const host = this.host;
    if (this.#busy.has('propose')) return;
    this.#busy.add('propose');
    this.#errors = {};
    host.requestUpdate();
    try {
      const made = await host.client.request<Proposal>('POST', this.#path + '/proposals', { body: { ...this.#draft } });
      this.#draft = { title: '', summary: '', body: '' };
      host.announce(this.#t('poll.c.proposed', { title: made.title }));
      await this.load(true);
    } catch (error) {
      const fields = error instanceof ApiError ? error.fields : {};
      const errors: Record<string, string> = {};
      for (const name of ['title', 'summary', 'body']) if (fields[name]) errors['new-' + name] = fields[name]!;
      if (!Object.keys(errors).length) errors['propose'] = this.#errorText(error);
      this.#errors = errors;
      host.focusSoon(Object.keys(errors)[0] === 'propose' ? 'propose-error' : Object.keys(errors)[0]!);
    } finally {
      this.#busy.delete('propose');
      host.requestUpdate();
    }
  }

  async #revise(event: Event, proposal: Proposal): Promise<void> {
    event.preventDefault();
    const host = this.host;
    const draft = this.#revisions.get(proposal.id);
    if (!draft || this.#busy.has(proposal.id)) return;
    this.#busy.add(proposal.id);
    for (const name of ['title', 'summary', 'note', 'revise']) delete this.#errors[`${name}-${proposal.id}`];
    host.requestUpdate();
    try {
      const fresh = await host.client.request<Proposal>('PATCH', `${this.#path}/proposals/${proposal.id}`, { body: { title: draft.title, summary: draft.summary, ...(draft.note ? { note: draft.note } : {}) } });
      this.#replace(fresh);
      this.#revisions.delete(proposal.id);
      host.announce(this.#t('poll.c.revised', { title: fresh.title }));
    } catch (error) {
      const fields = error instanceof ApiError ? error.fields : {};
      let first = '';
      for (const name of ['title', 'summary', 'note']) {
        if (fields[name]) {
          this.#errors[`${name}-${proposal.id}`] = fields[name]!;
          first ||= `${name}-${proposal.id}`;
        }
      }
      if (!first) this.#errors[(first = `revise-${proposal.id}`)] = this.#errorText(error);
      host.focusSoon(first.startsWith('revise-') ? `revise-save-${proposal.id}` : 'edit-' + first);
    } finally {
      this.#busy.delete(proposal.id);
      host.requestUpdate();
    }
  }

  async #loadSuggestions(proposal: Proposal): Promise<void> {
    try {
      const list = await this.host.client.get<SuggestionList>(`${this.#path}/proposals/${proposal.id}/suggestions`);
      this.#suggestions.set(proposal.id, list.items);
    } catch (error) {
      this.#errors['s-' + proposal.id] = this.#errorText(error);
    }
    this.host.requestUpdate();
  }

  async #suggest(event: Event, proposal: Proposal): Promise<void> {
    event.preventDefault();
    const host = this.host;
    const key = 's-' + proposal.id;
    delete this.#errors[key];
    try {
      await host.client.request<Suggestion>('POST', `${this.#path}/proposals/${proposal.id}/suggestions`, { body: { body: this.#suggestion.get(proposal.id) ?? '' } });
      this.#suggestion.delete(proposal.id);
      host.announce(this.#t('poll.c.suggestion.added'));
      await this.#loadSuggestions(proposal);
    } catch (error) {
      this.#errors[key] = (error instanceof ApiError && error.fields['body']) || this.#errorText(error);
      host.focusSoon('suggestion-' + proposal.id);
    }
    host.requestUpdate();
  }

  async #rate(proposal: Proposal, suggestion: Suggestion, degree: SuggestionDegree, id: string): Promise<void> {
    const host = this.host;
    try {
      const fresh = await host.client.request<Suggestion>('PUT', `${this.#path}/proposals/${proposal.id}/suggestions/${suggestion.id}/rating`, { body: { degree } });
      this.#suggestions.set(proposal.id, (this.#suggestions.get(proposal.id) ?? []).map((s) => (s.id === fresh.id ? fresh : s)));
      host.announce(this.#t('poll.c.rated'));
    } catch (error) {
      this.#errors['s-' + proposal.id] = this.#errorText(error);
    }
    host.requestUpdate();
    host.focusSoon(id);
  }

  // ─── Rendering ──────────────────────────────────────────────────────────────────────────────────

  #date(iso: string): string {
    return formatDate(this.host.resolvedLang, iso, { dateStyle: 'medium', timeStyle: 'short' });
  }

  render(): TemplateResult {
    const data = this.data;
    const host = this.host;
    if (this.#status === 'error' && !data) {
      return html`<div class="problem" part="error"><p>${this.#errorText(this.#problem)}</p>
        <button type="button" class="button button--secondary" part="button retry" @click=${() => void this.load(false)}>${this.#t('poll.retry')}</button></div>`;
    }
    if (!data) return html`<p class="loading" part="loading">${this.#t('poll.c.loading')}</p>`;
    const phase = data.phase;
    return html`<slot name="heading"><h2 class="heading" part="heading">${data.title}</h2></slot>
      ${data.description ? html`<p class="description" part="description">${data.description}</p>` : nothing}
      ${this.#renderPhases(data)}
      <section class="you" part="you" aria-labelledby="you-heading">
        <h3 id="you-heading">${this.#t('poll.c.you')}</h3>
        <p>${this.#t('poll.c.you.' + phase)}</p>
        ${data.you?.reason && host.session?.signedIn ? html`<p class="notice" part="notice">${data.you.reason}</p>` : nothing}
        ${!host.session?.signedIn && phase !== 'closed' && phase !== 'draft'
          ? html`<div class="signed-out" part="signed-out"><p>${this.#t('poll.c.signed-out')}</p>
              <civic-sign-in compact api=${host.resolvedApi} org=${host.resolvedOrg}></civic-sign-in></div>`
          : nothing}
      </section>
      ${phase === 'closed' ? this.#renderOutcome(data) : nothing}
      ${(phase === 'voting' || phase === 'closed') && data.pollId
        ? html`<section class="vote" part="vote" aria-labelledby="vote-heading"><h3 id="vote-heading">${this.#t('poll.c.vote')}</h3>${host.pollPart()}</section>`
        : nothing}
      ${phase === 'proposing' || phase === 'discussion' || phase === 'frozen' ? this.#renderProposals(data) : nothing}
      ${phase === 'proposing' && data.you?.canPropose ? this.#renderPropose() : nothing}`;
  }

  #renderPhases(data: Consultation): TemplateResult {
    const steps = [...data.phases.map((p) => ({ phase: p.phase as string, when: p.endedAt ? this.#t('poll.c.ended', { date: this.#date(p.endedAt) }) : this.#t('poll.c.until', { date: this.#date(p.endsAt) }) })), { phase: 'closed', when: '' }];
    return html`<ol class="phases" part="phases" aria-label=${this.#t('poll.c.phases')}>
      ${steps.map(
        (step) => html`<li part="phase" aria-current=${step.phase === data.phase ? 'step' : nothing}>
          ${this.#t('poll.c.phase.' + step.phase)}${step.phase === data.phase ? html` <span class="visually-hidden">${this.#t('poll.c.current')}</span>` : nothing}
          ${step.when ? html`<span>${step.when}</span>` : nothing}
        </li>`,
      )}
    </ol>`;
  }

  #renderOutcome(data: Consultation): TemplateResult | typeof nothing {
    const result = data.result;
    if (!result) return nothing;
    const title = (id: string) => data.proposals.find((p) => p.id === id)?.title ?? id;
    let text: string;
    if (result.outcome === 'winner') text = this.#t('poll.c.outcome.winner', { title: result.proposalIds[0] ? title(result.proposalIds[0]) : '' });
    else if (result.outcome === 'tie') {
      const names = result.proposalIds.map((id) => `“${title(id)}”`);
      if (result.statusQuoTied) names.push(this.#t('poll.c.status-quo'));
      text = this.#t('poll.c.outcome.tie', { list: names.join(', ') });
    } else text = this.#t('poll.c.outcome.' + result.outcome);
    return html`<section class="outcome" part="outcome" aria-labelledby="outcome-heading">
      <h3 id="outcome-heading">${this.#t('poll.c.outcome')}</h3>
      <p id="outcome" data-outcome=${result.outcome}><strong>${text}</strong></p>
      ${result.outcome === 'no-admitted-proposals' ? nothing : html`<p>${this.#t('poll.c.turnout', { count: result.turnout })}</p>`}
    </section>`;
  }

  #renderProposals(data: Consultation): TemplateResult {
    const visible = data.proposals;
    return html`<section class="proposals-section" aria-labelledby="proposals-heading">
      <h3 id="proposals-heading">${this.#t('poll.c.proposals')}</h3>
      ${visible.length
        ? html`<ul class="proposals" part="proposals">
            ${visible.map((p) => this.#renderProposal(data, p))}
          </ul>`
        : html`<p part="notice">${this.#t('poll.c.none')}</p>`}
    </section>`;
  }

  #renderProposal(data: Consultation, p: Proposal): TemplateResult {
    const host = this.host;
    const frozen = data.phase === 'frozen';
    const count = frozen ? (p.confirmed ?? 0) : p.supporters;
    const needed = data.quorumNeeded;
    const you = p.you;
    const busy = this.#busy.has(p.id);
    const problem = this.#errors['p-' + p.id];
    let toggle: TemplateResult | typeof nothing = nothing;
    if (frozen && you && (you.canConfirm || you.confirmed)) {
      const on = !you.confirmed;
      // Named with the proposal's title too ("Confirm my support Light the Burgess Park footpaths"): a list of buttons tells them apart.
      toggle = html`<button type="button" id="confirm-${p.id}" class="button ${on ? '' : 'button--secondary'}" part="button confirm" aria-labelledby="confirm-${p.id} title-${p.id}" aria-disabled=${busy ? 'true' : nothing}
        @click=${() => void this.#act(p, 'confirmation', on, 'confirm-' + p.id)}>${this.#t(on ? 'poll.c.confirm' : 'poll.c.unconfirm')}</button>`;
    } else if (!frozen && you && (you.canSupport || you.canUnsupport)) {
      const on = !you.supporting;
      toggle = html`<button type="button" id="support-${p.id}" class="button ${on ? '' : 'button--secondary'}" part="button support" aria-labelledby="support-${p.id} title-${p.id}" aria-disabled=${busy ? 'true' : nothing}
        @click=${() => void this.#act(p, 'support', on, 'support-' + p.id)}>${this.#t(on ? 'poll.c.support' : 'poll.c.unsupport')}</button>`;
    }
    const suggestions = this.#suggestions.get(p.id);
    return html`<li class="proposal" part="proposal" id="proposal-${p.id}" data-status=${p.status}>
      <h4 part="proposal-title" id="title-${p.id}">${p.title}</h4>
      ${p.author ? html`<p class="hint">${this.#t('poll.c.by', { name: p.author.name })}</p>` : nothing}
      <p part="proposal-summary">${p.summary}</p>
      <p class="count" part="count" id="count-${p.id}">${this.#t(frozen ? 'poll.c.count.confirmed' : 'poll.c.count', { count, needed })} · <strong>${this.#t('poll.c.status.' + p.status)}</strong></p>
      <progress part="progress" max=${needed} .value=${Math.min(count, needed)} aria-label=${this.#t('poll.c.bar', { title: p.title })} aria-describedby="count-${p.id}"></progress>
      ${problem ? html`<p class="error-message" part="error" id="error-${p.id}">${problem}</p>` : nothing}
      ${toggle !== nothing ? html`<p>${toggle}</p>` : nothing}
      ${data.phase === 'discussion'
        ? html`<details class="suggestions" part="suggestions" @toggle=${(event: Event) => (event.target as HTMLDetailsElement).open && !suggestions && void this.#loadSuggestions(p)}>
            <summary>${this.#t('poll.c.suggestions', { count: suggestions?.length ?? p.suggestions })}</summary>
            ${suggestions ? this.#renderSuggestions(p, suggestions) : html`<p class="hint" part="loading">${this.#t('poll.part.loading')}</p>`}
          </details>`
        : nothing}
      ${data.phase === 'discussion' && you?.canRevise ? this.#renderRevise(p) : nothing}
      <details class="discuss" part="discuss" @toggle=${(event: Event) => this.#discuss(p, (event.target as HTMLDetailsElement).open)}>
        <summary>${this.#t('poll.c.discuss', { title: p.title })}</summary>
        ${this.#open.has(p.id) ? html`<civic-debate subject=${p.subject} api=${host.resolvedApi} org=${host.resolvedOrg} lang=${host.resolvedLang}></civic-debate>` : nothing}
      </details>
    </li>`;
  }

  #renderRevise(p: Proposal): TemplateResult {
    const draft = this.#revisions.get(p.id) ?? { title: p.title, summary: p.summary, body: '', note: '' };
    const field = (name: 'title' | 'summary' | 'note', label: string, long: boolean) => {
      const id = `edit-${name}-${p.id}`;
      const error = this.#errors[`${name}-${p.id}`];
      const input = (event: Event) => {
        draft[name] = (event.target as HTMLInputElement).value;
        this.#revisions.set(p.id, draft);
      };
      return html`<div class="field ${error ? 'field--error' : ''}" part="field">
        <label class="label" for=${id} part="label">${label}</label>
        ${error ? html`<p id="${id}-error" class="error-message" part="error"><span class="visually-hidden">${this.#t('core.error.prefix')} </span>${error}</p>` : nothing}
        ${long
          ? html`<textarea id=${id} part="input" aria-invalid=${error ? 'true' : nothing} aria-describedby=${error ? id + '-error' : nothing} .value=${draft[name] ?? ''} @input=${input}></textarea>`
          : html`<input id=${id} class="input" part="input" aria-invalid=${error ? 'true' : nothing} aria-describedby=${error ? id + '-error' : nothing} .value=${draft[name] ?? ''} @input=${input} />`}
      </div>`;
    };
    const problem = this.#errors[`revise-${p.id}`];
    return html`<details class="revise" part="revise">
      <summary>${this.#t('poll.c.revise')}</summary>
      <form novalidate @submit=${(event: Event) => void this.#revise(event, p)}>
        ${field('title', this.#t('poll.c.field.title'), false)} ${field('summary', this.#t('poll.c.field.summary'), true)} ${field('note', this.#t('poll.c.field.note'), false)}
        ${problem ? html`<p class="error-message" part="error">${problem}</p>` : nothing}
        <button type="submit" id="revise-save-${p.id}" class="button" part="button save">${this.#t('poll.c.save')}</button>
      </form>
    </details>`;
  }

  #discuss(p: Proposal, open: boolean): void {
    if (!open || this.#open.has(p.id)) return;
    this.#open.add(p.id);
    if (!customElements.get('civic-debate')) void import('@civic-elements/debate/define.js');
    this.host.requestUpdate();
  }

  #renderSuggestions(p: Proposal, list: Suggestion[]): TemplateResult {
    const canRate = !!p.you?.canSuggest;
    const error = this.#errors['s-' + p.id];
    return html`${list.length
        ? html`<ul part="suggestion-list">
            ${list.map(
              (s) => html`<li part="suggestion">
                <p>${s.body}</p>
                <p class="hint">${this.#t('poll.c.ratings', { ...s.ratings })}</p>
                ${canRate
                  ? html`<div class="rates" role="group" aria-label=${this.#t('poll.c.rate')}>
                      ${DEGREES.map(
                        (degree) => html`<button type="button" id="rate-${s.id}-${degree}" class="button button--secondary" part="button rate" aria-pressed=${s.yourRating === degree ? 'true' : 'false'}
                          @click=${() => void this.#rate(p, s, degree, `rate-${s.id}-${degree}`)}>${this.#t('poll.c.degree.' + degree)}</button>`,
                      )}
                    </div>`
                  : nothing}
              </li>`,
            )}
          </ul>`
        : html`<p class="hint">${this.#t('poll.c.suggestions.none')}</p>`}
      ${canRate
        ? html`<form part="suggestion-form" @submit=${(event: Event) => void this.#suggest(event, p)} novalidate>
            <div class="field ${error ? 'field--error' : ''}">
              <label class="label" for="suggestion-${p.id}">${this.#t('poll.c.suggestion.add')}</label>
              ${error ? html`<p class="error-message" part="error" id="suggestion-${p.id}-error"><span class="visually-hidden">${this.#t('core.error.prefix')} </span>${error}</p>` : nothing}
              <textarea id="suggestion-${p.id}" aria-invalid=${error ? 'true' : nothing} aria-describedby=${error ? `suggestion-${p.id}-error` : nothing}
                .value=${this.#suggestion.get(p.id) ?? ''} @input=${(event: Event) => this.#suggestion.set(p.id, (event.target as HTMLTextAreaElement).value)}></textarea>
            </div>
            <button type="submit" class="button" part="button suggest">${this.#t('poll.c.suggestion.send')}</button>
          </form>`
        : error
          ? html`<p class="error-message" part="error">${error}</p>`
          : nothing}`;
  }

  #area(name: 'summary' | 'body', label: string, hint?: string): TemplateResult {
    const id = 'new-' + name;
    const error = this.#errors[id];
    const described = [hint ? id + '-hint' : '', error ? id + '-error' : ''].filter(Boolean).join(' ');
    return html`<div class="field ${error ? 'field--error' : ''}" part="field">
      <label class="label" for=${id} part="label">${label}</label>
      ${hint ? html`<div id="${id}-hint" class="hint" part="hint">${hint}</div>` : nothing}
      ${error ? html`<p id="${id}-error" class="error-message" part="error"><span class="visually-hidden">${this.#t('core.error.prefix')} </span>${error}</p>` : nothing}
      <textarea id=${id} name=${name} part="input" aria-invalid=${error ? 'true' : nothing} aria-describedby=${described || nothing}
        .value=${this.#draft[name]} @input=${(event: Event) => (this.#draft[name] = (event.target as HTMLTextAreaElement).value)}></textarea>
    </div>`;
  }

  #renderPropose(): TemplateResult {
    const problem = this.#errors['propose'];
    return html`<section class="propose" part="propose" aria-labelledby="propose-heading">
      <h3 id="propose-heading">${this.#t('poll.c.propose')}</h3>
      <form novalidate @submit=${(event: Event) => void this.#propose(event)}>
        ${textField({
          id: 'new-title',
          name: 'title',
          label: this.#t('poll.c.field.title'),
          errorPrefix: this.#t('core.error.prefix'),
          ...(this.#errors['new-title'] ? { error: this.#errors['new-title'] } : {}),
          value: this.#draft.title,
          maxlength: 200,
          onInput: (value) => (this.#draft.title = value),
        })}
        ${this.#area('summary', this.#t('poll.c.field.summary'), this.#t('poll.c.field.summary.hint'))}
        ${this.#area('body', this.#t('poll.c.field.body'))}
        ${problem ? html`<p class="error-message" part="error" id="propose-error" tabindex="-1">${problem}</p>` : nothing}
        <button type="submit" class="button" part="button propose" aria-disabled=${this.#busy.has('propose') ? 'true' : nothing}>${this.#t('poll.c.submit')}</button>
      </form>
    </section>`;
  }
}
