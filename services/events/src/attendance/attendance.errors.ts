import { badRequest, conflict } from '@kc/contracts';

export const notSignedUp = () =>
  conflict('NOT_SIGNED_UP', 'Deze persoon is niet aangemeld voor de activiteit.', 'This person has not signed up for the activity.');
export const attendanceNotOpen = () =>
  conflict(
    'ATTENDANCE_NOT_OPEN',
    'Aanwezigheid kun je vastleggen vanaf een uur voor het begin tot een week na afloop.',
    'Attendance can be recorded from one hour before the start until a week after the end.',
  );
export const invalidCheckInCode = () =>
  badRequest('INVALID_CHECK_IN_CODE', 'Deze code klopt niet. Kijk nog eens naar de code bij de deur.', 'This code is not right. Have another look at the code at the door.');
export const checkInNeedsPlace = () =>
  conflict('CHECK_IN_NEEDS_PLACE', 'Inchecken kan alleen met een plaats bij deze activiteit (niet vanaf de wachtlijst).', 'Only people with a place can check in (not from the waiting list).');
