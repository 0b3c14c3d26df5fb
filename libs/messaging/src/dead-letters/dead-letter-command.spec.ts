import { parseDeadLetterArgs } from './dead-letter-command';

describe('npm run deadletters: arguments', () => {
  it.each([
    [['list'], { command: 'list', service: undefined, json: false }],
    [['list', 'search'], { command: 'list', service: 'search', json: false }],
    [['replay', 'communities', '--json'], { command: 'replay', service: 'communities', json: true }],
  ])('reads %j', (args, expected) => {
    expect(parseDeadLetterArgs(args)).toEqual(expected);
  });

  it.each([
    [[], /geen commando/],
    [['replay'], /replay heeft een service nodig/],
    [['list', 'bibliotheek'], /onbekende service/],
    [['purge', 'search'], /onbekend commando/],
    [['list', 'search', 'extra'], /te veel argumenten/],
  ])('refuses %j with a Dutch (and English) reason', (args, reason) => {
    const parsed = parseDeadLetterArgs(args);
    expect(parsed).toHaveProperty('error');
    expect((parsed as { error: string }).error).toMatch(reason);
  });
});
