import { conflict, forbidden, notFound } from '@kc/contracts';

export const branchNotFound = () =>
  notFound('BRANCH_NOT_FOUND', 'Deze vestiging bestaat niet (meer).', 'This branch does not exist (any more).');
export const notLibraryAdmin = () =>
  forbidden(
    'NOT_LIBRARY_ADMIN',
    'Alleen een bibliotheekbeheerder van deze regio beheert haar vestigingen en zalen.',
    'Only a library administrator of this region manages its branches and rooms.',
  );
export const branchNameTaken = (name: string) =>
  conflict('BRANCH_NAME_TAKEN', `De regio heeft al een vestiging met de naam "${name}".`, `The region already has a branch named "${name}".`);
export const roomNameTaken = (name: string) =>
  conflict('ROOM_NAME_TAKEN', `Deze vestiging heeft al een zaal met de naam "${name}".`, `This branch already has a room named "${name}".`);
export const roomInUse = (count: number) =>
  conflict(
    'ROOM_IN_USE',
    `Deze zaal is nog geboekt voor ${count === 1 ? 'een komende activiteit' : `${count} komende keren`}. Verplaats of annuleer die eerst; daarna kan de zaal weg.`,
    `This room is still booked for ${count === 1 ? 'a coming activity' : `${count} coming occurrences`}. Move or cancel those first; then the room can be removed.`,
  );
export const branchInUse = (count: number) =>
  conflict(
    'BRANCH_IN_USE',
    `Een zaal van deze vestiging is nog geboekt voor ${count === 1 ? 'een komende activiteit' : `${count} komende keren`}. Verplaats of annuleer die eerst; daarna kan de vestiging weg.`,
    `A room of this branch is still booked for ${count === 1 ? 'a coming activity' : `${count} coming occurrences`}. Move or cancel those first; then the branch can be removed.`,
  );
export const roomCapacityBelowBooked = (places: number) =>
  conflict(
    'ROOM_CAPACITY_BELOW_BOOKED',
    `Een komende activiteit in deze zaal heeft ${places} plaatsen; maak de zaal niet kleiner dan dat, of verlaag eerst het aantal plaatsen van die activiteit.`,
    `A coming activity in this room has ${places} places; do not make the room smaller than that, or lower that activity’s places first.`,
  );
