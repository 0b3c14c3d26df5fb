import { combineUsage } from './operator-usage';
import { formatBytes } from '../web/usage/usage.pages';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('the operator’s usage report', () => {
  it('gives every region a row, with zeros where a service holds nothing, sums the storage and sorts by name', () => {
    const usage = combineUsage(
      [{ id: id(1), slug: 'zaanstreek', name: 'Zaanstreek', status: 'active' }, { id: id(2), slug: 'achterhoek', name: 'Achterhoek', status: 'suspended' }],
      {
        identity: [{ regionId: id(1), counts: { accounts: 5, activeLast30Days: 2 }, storageBytes: 1000 }],
        communities: [{ regionId: id(1), counts: { communities: 1, members: 4, conversations: 3, contributions: 7 }, storageBytes: 500 }],
        events: [],
        catalogue: [{ regionId: id(2), counts: { titles: 900 }, storageBytes: 250_000 }, { regionId: id(9), counts: { titles: 1 }, storageBytes: 1 }],
      },
      new Date('2025-06-02T12:00:00Z'),
    );
    expect(usage.generatedAt).toBe('2025-06-02T12:00:00.000Z');
    expect(usage.items.map((r) => r.slug)).toEqual(['achterhoek', 'zaanstreek']);
    expect(usage.items[1]).toMatchObject({ accounts: 5, activeLast30Days: 2, communities: 1, members: 4, conversations: 3, contributions: 7, activities: 0, signUps: 0, titles: 0,
      storageBytes: { identity: 1000, communities: 500, events: 0, catalogue: 0, total: 1500 } });
    expect(usage.items[0]).toMatchObject({ status: 'suspended', accounts: 0, titles: 900, storageBytes: { total: 250_000 } });
  });

  it('writes sizes as people read them, in Dutch and English', () => {
    expect(formatBytes(0, 'nl')).toBe('0 B');
    expect(formatBytes(999, 'nl')).toBe('999 B');
    expect(formatBytes(1234, 'nl')).toBe('1,2 kB');
    expect(formatBytes(1234, 'en')).toBe('1.2 kB');
    expect(formatBytes(250_000_000, 'nl')).toBe('250 MB');
  });
});
