import { subjectFilterFor } from './subject-filter';

describe('subjectFilterFor', () => {
  it('is the type itself when a service handles one type of the stream', () => {
    expect(subjectFilterFor('communities', ['kc.communities.erasure.confirmed.v1'])).toBe('kc.communities.erasure.confirmed.v1');
    expect(subjectFilterFor('communities', ['kc.communities.erasure.confirmed.v1', 'kc.communities.erasure.confirmed.v1'])).toBe('kc.communities.erasure.confirmed.v1');
  });

  it('keeps the tokens the types share and takes everything below them', () => {
    expect(subjectFilterFor('identity', ['kc.identity.account.blocked.v1', 'kc.identity.account.unblocked.v1'])).toBe('kc.identity.account.>');
    expect(subjectFilterFor('identity', ['kc.identity.account.blocked.v1', 'kc.identity.account.blocked.v2'])).toBe('kc.identity.account.blocked.>');
  });

  it('takes the whole stream when the types share only the stream', () => {
    expect(subjectFilterFor('communities', ['kc.communities.conversation.started.v1', 'kc.communities.contribution.posted.v1'])).toBe('kc.communities.>');
  });

  it('never filters narrower than the stream for types that are not of it, or for none', () => {
    expect(subjectFilterFor('communities', [])).toBe('kc.communities.>');
    expect(subjectFilterFor('communities', ['kc.communities.conversation.started.v1', 'kc.catalogue.import.completed.v1'])).toBe('kc.communities.>');
  });
});
