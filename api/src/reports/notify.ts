// What happens after a report is made or changed: the emails (confirmation to the reporter; an update
// to the reporter and every follower on each public change) and the organisation's webhooks.
// Nothing here fails the request that made the change: problems are logged, and slow mail is left to
// finish in the background after a short wait.
import type { ReportDetail } from '@civic-elements/protocol';
import type { Deps } from '../http/env.js';
import { reportCreatedEmail, reportUpdatedEmail, type Recipient, type ReportNews, type ReportSummary } from '../mail/report-email.js';
import type { MailMessage } from '../mail/types.js';
import { stepOf } from '../domain/workflow.js';
import type { NewTimelineEntry, OrgRecord, ReportRecord, ReportSettingsRecord } from '../store/types.js';
import { queueReportEvent } from '../webhooks/dispatcher.js';
import { reportDetailOut } from './present.js';
import { reportSettingsOf } from './settings.js';

export type ReportEvent = 'report.created' | 'report.updated';

/** How long a request waits for its emails before answering anyway (they go on in the background). */
export const MAIL_WAIT_MS = 2000;

export interface ReportChange {
  /** The timeline entries the change added (the public ones decide what the emails say). */
  entries: readonly NewTimelineEntry[];
  /** Who acted: they get no email about their own change. */
  actorUserId: string | null;
  /**
   * Who to tell, when they must be known before the change (a merge moves the followers away);
   * otherwise the reporter and the report's followers now.
   */
  recipients?: Recipient[];
}

function logProblem(what: string, error: unknown): void {
  console.error(JSON.stringify({ level: 'error', message: `report notification: ${what}`, error: String(error) }));
}

/** What an email says about the report. */
function summaryOf(report: ReportRecord, settings: ReportSettingsRecord): ReportSummary {
  const step = stepOf(settings.workflow, report.status);
  return {
    reference: report.reference,
    category: report.category.name,
    description: report.description,
    address: report.address,
    statusLabel: step?.label ?? report.status,
    statusDescription: step?.description ?? '',
    expectedOn: report.expectedOn,
  };
}

/** The news in a change's entries for residents, or null when nothing public changed (an internal note, a reassignment). */
export function newsOf(entries: readonly NewTimelineEntry[], settings: ReportSettingsRecord): ReportNews | null {
  const news: ReportNews = {};
  let any = false;
  for (const entry of entries) {
    if (entry.kind === 'status' && entry.status) {
      const step = stepOf(settings.workflow, entry.status);
      news.status = { label: entry.statusLabel ?? step?.label ?? entry.status, description: step?.description ?? '' };
      any = true;
    }
    if (entry.kind === 'merged' && entry.to) {
      news.mergedInto = entry.to;
      any = true;
    }
    if (entry.kind === 'expected') {
      news.expectedOn = entry.expectedOn ?? null;
      any = true;
    }
    if (entry.publicNote) {
      news.publicNote = entry.publicNote;
      any = true;
    }
  }
  return any ? news : null;
}

/** The reporter (when they gave an email) and every follower, each once. */
export async function recipientsOf(deps: Deps, org: OrgRecord, report: ReportRecord): Promise<Recipient[]> {
  const recipients = new Map<string, Recipient & { userId: string | null }>();
  if (report.reporterEmail) {
    recipients.set(report.reporterEmail.toLowerCase(), {
      email: report.reporterEmail,
      name: report.reporterName,
      locale: report.reporterLocale ?? org.defaultLocale,
      relation: 'reporter',
      userId: report.reporterId,
    });
  }
  for (const follower of await deps.store.reports.followers(report.rowid)) {
    const key = follower.email.toLowerCase();
    if (!recipients.has(key)) recipients.set(key, { email: follower.email, name: follower.name, locale: follower.locale, relation: 'follower', userId: follower.userId });
  }
  return [...recipients.values()];
}

/** Sends each message; failures are logged, never thrown. Waits at most MAIL_WAIT_MS. */
async function sendAll(deps: Deps, messages: MailMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const sending = Promise.all(
    messages.map((message) => deps.mailer.send(message).catch((error: unknown) => logProblem(`email to ${message.to} failed`, error))),
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((done) => {
    timer = setTimeout(done, MAIL_WAIT_MS);
    timer.unref?.();
  });
  await Promise.race([sending, timeout]);
  clearTimeout(timer);
}

/** The report as the organisation's own systems receive it (webhooks): the officers' view, timeline included. */
export async function reportForSystems(deps: Deps, org: OrgRecord, report: ReportRecord, settings: ReportSettingsRecord): Promise<ReportDetail> {
  const timeline = await deps.store.reports.timeline(org.id, report.rowid);
  return reportDetailOut(report, timeline, { org, workflow: settings.workflow, base: deps.config.publicUrl, officer: () => true, viewerId: null });
}

/**
 * Tells everyone who should know that a report was made (`report.created`: a confirmation to the
 * reporter) or changed (`report.updated`: an email to the reporter and followers, except whoever
 * acted, when the change is public), and queues the organisation's webhooks. Never throws.
 */
export async function reportChanged(deps: Deps, event: ReportEvent, report: ReportRecord, change: ReportChange = { entries: [], actorUserId: null }): Promise<void> {
  try {
    const org = await deps.store.orgs.byId(report.orgId);
    if (!org) return;
    const settings = await reportSettingsOf(deps.store, org.id);

    try {
      await queueReportEvent(deps, org.id, event, await reportForSystems(deps, org, report, settings));
    } catch (error) {
      logProblem(`webhooks for ${report.reference} not queued`, error);
    }

    const summary = summaryOf(report, settings);
    let messages: MailMessage[] = [];
    if (event === 'report.created') {
      if (report.reporterEmail) {
        const to: Recipient = { email: report.reporterEmail, name: report.reporterName, locale: report.reporterLocale ?? org.defaultLocale, relation: 'reporter' };
        messages = [reportCreatedEmail(org.name, summary, to, report.reporterId !== null)];
      }
    } else {
      const news = newsOf(change.entries, settings);
      if (news) {
        const recipients = change.recipients ?? (await recipientsOf(deps, org, report));
        const actor = change.actorUserId ? await deps.store.users.byId(change.actorUserId) : null;
        messages = recipients
          .filter((to) => !actor || to.email.toLowerCase() !== actor.email.toLowerCase())
          .map((to) => reportUpdatedEmail(org.name, summary, news, to));
      }
    }
    await sendAll(deps, messages);
  } catch (error) {
    logProblem(`${event} for ${report.reference}`, error);
  }
}
