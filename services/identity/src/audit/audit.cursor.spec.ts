import { decodeAuditCursor, encodeAuditCursor } from './audit.cursor';

describe('audit cursor', () => {
  it('round-trips a position', () => {
    const position = { occurredAt: new Date('2026-12-02T06:30:00.123Z'), id: '0190b4a0-0000-7000-8000-00000000000a' };
    expect(decodeAuditCursor(encodeAuditCursor(position))).toEqual(position);
  });
  it('refuses anything it did not make', () => {
    for (const bad of ['', 'x', Buffer.from('12.not-a-uuid').toString('base64url'), Buffer.from('.0190b4a0-0000-7000-8000-00000000000a').toString('base64url'), '%%%']) {
      expect(decodeAuditCursor(bad)).toBeNull();
    }
  });
});
