import { localPath, paths } from './paths';

describe('web paths', () => {
  it('builds addresses with encoded parameters', () => {
    expect(paths.region('midden-brabant')).toBe('/regio/midden-brabant');
    expect(paths.community('a/b')).toBe('/community/a%2Fb');
    expect(paths.signIn('/regio/x?y=1')).toBe('/inloggen?terug=%2Fregio%2Fx%3Fy%3D1');
    expect(paths.search('boeken & zo')).toBe('/zoeken?q=boeken%20%26%20zo');
    expect(paths.register()).toBe('/registreren');
    expect(paths.register('gooi')).toBe('/registreren?regio=gooi');
    expect(paths.register(undefined, '/uitnodigingen/abc')).toBe('/registreren?terug=%2Fuitnodigingen%2Fabc');
  });

  it('only ever returns to a path on this site', () => {
    expect(localPath('/regio/x?y=1')).toBe('/regio/x?y=1');
    for (const away of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '/a\nb', '', undefined, ['/x'], '/'.padEnd(600, 'a')]) {
      expect(localPath(away)).toBe('/');
    }
  });
});
