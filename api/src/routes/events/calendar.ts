// Events as iCalendar files: one event, an organisation's feed, a project's feed.
import type { Context } from 'hono';
import { ICAL_CONTENT_TYPE, icalCalendar, type IcalEventInput } from '../../domain/ical.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { baseUrl } from '../../http/viewer.js';
import type { FeatureRecord, OrgRecord } from '../../store/types.js';

/** How far back a calendar feed reaches, so that a subscriber's calendar keeps the recent past. */
export const FEED_PAST_DAYS = 30;
/** Events one feed holds at most. */
export const FEED_LIMIT = 2000;

const PROD_ID = '-//Civic Elements//Civic Elements API//EN';

/** One stored event as iCalendar wants it; the UID is stable across downloads and hosts' feeds. */
export function icalInput(event: FeatureRecord, org: OrgRecord, host: string): IcalEventInput {
  return {
    uid: `event-${event.id}@${host}`,
    start: event.start!,
    end: event.end,
    summary: event.title,
    description: event.description || null,
    location: { lon: event.lon, lat: event.lat },
    url: event.url,
    organiser: event.organiser || org.name,
    createdAt: event.createdAt,
    updatedAt: event.updatedAt,
  };
}

/** Answers with a `.ics` file of the events, named `filename`. */
export function calendarResponse(
  c: Context<AppEnv>,
  deps: Deps,
  calendar: { org: OrgRecord; name: string; events: readonly FeatureRecord[]; filename: string; description?: string },
): Response {
  const host = new URL(baseUrl(c, deps.config)).host;
  const text = icalCalendar({
    name: calendar.name,
    prodId: PROD_ID,
    description: calendar.description ?? null,
    events: calendar.events.map((event) => icalInput(event, calendar.org, host)),
  });
  return c.body(text, 200, {
    'Content-Type': ICAL_CONTENT_TYPE,
    'Content-Disposition': `attachment; filename="${calendar.filename}"`,
    // Feeds are polled by calendar apps: a short cache keeps them fresh without a request per view.
    'Cache-Control': 'public, max-age=300',
  });
}
