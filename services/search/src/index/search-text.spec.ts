import { leadOf, toIndexText, toSafeSnippet } from './search-text';

describe('search text', () => {
  it('keeps index text as typed, without control characters or highlight marks', () => {
    expect(toIndexText('Hallo <b>wereld</b>\u0000 «echt»\n\n  nu')).toBe('Hallo <b>wereld</b> "echt" nu');
  });

  it('makes snippets safe text: markup cannot survive', () => {
    const snippet = toSafeSnippet('Een «match» <img src=x onerror=alert(1)> en a < b > c <scr<script>ipt>');
    expect(snippet).not.toMatch(/[<>]/);
    expect(snippet).toContain('«match»');
  });

  it('bounds snippet length without leaving a highlight open', () => {
    const snippet = toSafeSnippet(`${'woord '.repeat(20)}«${'lang'.repeat(40)}» einde`, 150);
    expect(snippet.length).toBeLessThanOrEqual(155);
    expect(snippet.split('«').length).toBe(snippet.split('»').length);
    expect(snippet.endsWith('…')).toBe(true);
  });

  it('leads with the first words', () => {
    expect(leadOf('een twee drie', 2)).toBe('een twee …');
    expect(leadOf('')).toBe('');
  });
});
