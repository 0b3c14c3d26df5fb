import { renderToString } from 'preact-render-to-string';
import { scheduleInput } from './activities/activities.controller';
import { activityWhen } from './activities/activities.pages';
import { importPercent } from './catalogue/catalogue.pages';
import { awaitingTitles } from './conversations/conversations.pages';
import { Snippet } from './search/search.pages';

const status = (over: object) => ({ id: '01a23405-a608-7088-afa2-95b74ec2ea43', status: 'running' as const, format: 'marcxml' as const, imported: 0, failed: 0, bytesRead: 0, bytesTotal: null, errors: [], createdAt: '', finishedAt: null, ...over });

describe('web page logic', () => {
  it('keeps asking for library titles only while there are none and the worker may still be at it', () => {
    const createdAt = new Date(1_000_000_000_000).toISOString();
    expect(awaitingTitles({ suggestions: [], createdAt }, 1_000_000_000_000 + 60_000)).toBe(true);
    expect(awaitingTitles({ suggestions: [], createdAt }, 1_000_000_000_000 + 11 * 60_000)).toBe(false);
    expect(awaitingTitles({ suggestions: [{ titleId: 'x', title: 't', authors: [], year: null, isbn: null, subjects: [], reason: 'r' }], createdAt }, 1_000_000_000_000)).toBe(false);
  });

  it('shows an import’s progress as the share of its file read, full once done', () => {
    expect(importPercent(status({ status: 'queued' }))).toBe(0);
    expect(importPercent(status({ bytesRead: 50, bytesTotal: 200 }))).toBe(25);
    expect(importPercent(status({ bytesRead: 200, bytesTotal: 200 }))).toBe(99);
    expect(importPercent(status({ status: 'completed', bytesRead: 10, bytesTotal: 200 }))).toBe(100);
  });

  it('writes when an activity is, shorter when it ends the same day', () => {
    expect(activityWhen({ startsAt: '2031-03-14T18:30:00Z', endsAt: '2031-03-14T20:30:00Z', timeZone: 'Europe/Amsterdam' }, 'nl')).toBe('vrijdag 14 maart 2031, 19:30 – 21:30');
    expect(activityWhen({ startsAt: '2031-03-14T21:00:00Z', endsAt: '2031-03-15T01:00:00Z', timeZone: 'Europe/Amsterdam' }, 'en')).toBe('Friday 14 March 2031, 22:00 – Saturday 15 March 2031, 02:00');
  });

  it('reads the activity form as Dutch wall-clock time; what is not a moment stays as typed for the schema to refuse', () => {
    const input = scheduleInput('c', { title: 'Café', startsAt: '2031-07-01T19:30', endsAt: '2031-03-30T02:30', mode: 'online', location: ' ', capacity: '12', onlineUrl: '' });
    expect(input).toMatchObject({ startsAt: '2031-07-01T17:30:00Z', endsAt: '2031-03-30T02:30', location: undefined, onlineUrl: undefined, capacity: 12, timeZone: 'Europe/Amsterdam' });
    expect(scheduleInput('c', { capacity: 'twaalf' }).capacity).toBe('twaalf');
  });

  it('marks the search service’s «highlights» and escapes everything else', () => {
    expect(renderToString(Snippet({ text: 'een «warmtepomp» <b>& meer</b>' }))).toBe('een <mark class="utrecht-mark">warmtepomp</mark> &lt;b>&amp; meer&lt;/b>');
  });
});
