import { isApiPath, parseForm } from './web-app';

describe('web form bodies', () => {
  it('parses urlencoded forms, repeated fields as lists, hostile names as plain keys', () => {
    const form = parseForm('naam=Anna+de+Vries&tag=a&tag=b&__proto__=x&leeg=');
    expect({ ...form }).toEqual({ naam: 'Anna de Vries', tag: ['a', 'b'], ['__proto__']: 'x', leeg: '' });
    expect(Object.getPrototypeOf(form)).toBeNull();
  });

  it('tells the API from the pages', () => {
    expect(isApiPath('/api/v1/regions')).toBe(true);
    expect(isApiPath('/api')).toBe(true);
    expect(isApiPath('/apiary')).toBe(false);
    expect(isApiPath('/regio/x')).toBe(false);
  });
});
