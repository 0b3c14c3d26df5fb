import { decodePeopleCursor, encodePeopleCursor } from './people.cursor';

describe('people directory cursor', () => {
  it('round-trips a position, whatever the name holds', () => {
    for (const name of ['anna de vries', 'zoë.van.dijk', '', '.']) {
      const position = { id: '0190b4a0-0000-7000-8000-00000000000a', name };
      expect(decodePeopleCursor(encodePeopleCursor(position))).toEqual(position);
    }
  });
  it('refuses anything it did not make', () => {
    for (const bad of ['', 'x', Buffer.from('not-a-uuid.anna').toString('base64url'), Buffer.from('0190b4a0-0000-7000-8000-00000000000a').toString('base64url')]) {
      expect(decodePeopleCursor(bad)).toBeNull();
    }
  });
});
