import { describeRule, recurrenceRule } from './occurrences.pages';

const zone = 'Europe/Amsterdam';

describe('the repetition choice of the activity form', () => {
  it('becomes an RRULE from the first start: every (other) week, or monthly on the same weekday (the last when it is the fifth)', () => {
    expect(recurrenceRule('none', '5', '2031-03-04T18:30:00.000Z', zone)).toBeUndefined();
    expect(recurrenceRule(undefined, undefined, undefined, zone)).toBeUndefined();
    expect(recurrenceRule('weekly', '10', '2031-03-04T18:30:00.000Z', zone)).toBe('FREQ=WEEKLY;COUNT=10');
    expect(recurrenceRule('biweekly', ' 4 ', '2031-03-04T18:30:00.000Z', zone)).toBe('FREQ=WEEKLY;INTERVAL=2;COUNT=4');
    expect(recurrenceRule('monthly', '6', '2031-03-04T18:30:00.000Z', zone)).toBe('FREQ=MONTHLY;BYDAY=1TU;COUNT=6'); // Tuesday 4 March
    expect(recurrenceRule('monthly', '6', '2031-03-25T18:30:00.000Z', zone)).toBe('FREQ=MONTHLY;BYDAY=4TU;COUNT=6');
    expect(recurrenceRule('monthly', '6', '2031-01-30T18:30:00.000Z', zone)).toBe('FREQ=MONTHLY;BYDAY=-1TH;COUNT=6'); // the fifth Thursday
    // No number, or not a number: left for the service to refuse with its own message.
    expect(recurrenceRule('weekly', '', '2031-03-04T18:30:00.000Z', zone)).toBe('FREQ=WEEKLY');
    expect(recurrenceRule('weekly', 'tien', '2031-03-04T18:30:00.000Z', zone)).toBe('FREQ=WEEKLY;COUNT=x');
    expect(recurrenceRule('yearly', '2', '2031-03-04T18:30:00.000Z', zone)).toBe('FREQ=yearly');
  });

  it('describes a stored rule in Dutch and English', () => {
    expect(describeRule('FREQ=WEEKLY;COUNT=10', 'nl', zone)).toBe('elke week, 10 keer');
    expect(describeRule('FREQ=WEEKLY;INTERVAL=2;COUNT=4', 'en', zone)).toBe('every other week, 4 times');
    expect(describeRule('FREQ=MONTHLY;BYDAY=1TU;UNTIL=20311231T225959Z', 'nl', zone)).toBe('elke maand op dezelfde weekdag, tot en met 31 december 2031');
    expect(describeRule('FREQ=DAILY;COUNT=3', 'nl', zone)).toBe('volgens een vast patroon, 3 keer');
  });
});
