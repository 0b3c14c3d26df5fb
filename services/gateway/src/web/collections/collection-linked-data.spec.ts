import type { Collection } from '@kc/contracts';
import { linkedDataJson } from '../activities/activity-linked-data';
import { collectionLinkedData } from './collection-linked-data';

const item = (over: Partial<Collection['items'][number]>): Collection['items'][number] => ({
  id: '0190a000-0000-7000-8000-000000000010', type: 'title', ref: '0190a000-0000-7000-8000-000000000011', title: 'Boek', note: '', position: 1,
  url: null, preview: null, description: null, siteName: null, addedBy: '0190a000-0000-7000-8000-000000000012', ...over,
});

describe('schema.org Collection of a collection page', () => {
  const collection: Collection = {
    id: '0190a000-0000-7000-8000-000000000001', communityId: '0190a000-0000-7000-8000-000000000002', title: 'Warmte </script><script>alert(1)</script>',
    description: 'Wat wij aanraden', descriptionHtml: '<p>Wat wij aanraden</p>', createdBy: '0190a000-0000-7000-8000-000000000003', createdAt: '2025-03-01T10:00:00.000Z',
    visibility: 'public', canEdit: false,
    items: [
      item({ note: 'Om te beginnen' }),
      item({ id: '0190a000-0000-7000-8000-000000000020', type: 'activity', ref: '0190a000-0000-7000-8000-000000000021', title: 'Energiecafé', position: 2 }),
      item({ id: '0190a000-0000-7000-8000-000000000030', type: 'link', ref: 'https://example.org/gids', url: 'https://example.org/gids', title: 'Gids', position: 3 }),
    ],
  };

  it('names the collection, its curating community and its items in order, with their own addresses', () => {
    const data = collectionLinkedData(collection, { id: collection.communityId, name: 'Duurzaam wonen' }, 'https://kenniscloud.example');
    expect(data).toMatchObject({
      '@context': 'https://schema.org', '@type': 'Collection', url: `https://kenniscloud.example/themacollecties/${collection.id}`, collectionSize: 3,
      creator: { '@type': 'Organization', name: 'Duurzaam wonen', url: `https://kenniscloud.example/community/${collection.communityId}` },
    });
    expect(data.hasPart).toEqual([
      { '@type': 'Book', name: 'Boek', position: 1, comment: { '@type': 'Comment', text: 'Om te beginnen' } },
      { '@type': 'Event', name: 'Energiecafé', position: 2, url: 'https://kenniscloud.example/activiteiten/0190a000-0000-7000-8000-000000000021' },
      { '@type': 'WebPage', name: 'Gids', position: 3, url: 'https://example.org/gids' },
    ]);
  });

  it('cannot end its script block, whatever a title says', () => {
    const json = linkedDataJson(collectionLinkedData(collection, { id: collection.communityId, name: 'x' }, ''));
    expect(json).not.toContain('</script>');
    expect(JSON.parse(json).name).toBe(collection.title);
  });
});
