import { z } from 'zod';
import { bilingual } from '../bilingual';
import { Created, Empty, Id, RegionSlug, listOf } from '../common';
import { plainText } from '../communities/text';
import { defineEvent, defineRequest } from '../define';

/**
 * A Dutch postcode: four digits (not starting with 0), then two letters, written `1234 AB`.
 * Accepted with or without the space and in either case; the letter pairs SA, SD and SS are not issued.
 */
export const DUTCH_POSTCODE = /^[1-9][0-9]{3}[A-Z]{2}$/;
export const DutchPostcode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase().replace(/\s+/g, ''))
  .pipe(
    z
      .string()
      .regex(DUTCH_POSTCODE, bilingual({ nl: 'is geen Nederlandse postcode (bijvoorbeeld 5038 AB)', en: 'is not a Dutch postcode (for example 5038 AB)' }))
      .refine((s) => !/(SA|SD|SS)$/.test(s), bilingual({ nl: 'is geen Nederlandse postcode: SA, SD en SS komen niet voor', en: 'is not a Dutch postcode: SA, SD and SS do not occur' }))
      .transform((s) => `${s.slice(0, 4)} ${s.slice(4)}`),
  );

/** How many people a room holds at most. */
export const ROOM_MAX_CAPACITY = 5000;

export const Room = z.object({ id: Id, branchId: Id, name: z.string(), capacity: z.number().int() });
export const Branch = z.object({
  id: Id, regionId: Id, name: z.string(), address: z.string(), postcode: z.string(), city: z.string(),
  rooms: z.array(Room),
});
/**
 * Where an in-person or hybrid activity takes place when it is in a library room: the room and its branch,
 * with the branch's address as it is now. An activity without a room has none (its `location` is free text).
 */
export const Place = z.object({
  branchId: Id, branchName: z.string(), roomId: Id, roomName: z.string(),
  address: z.string(), postcode: z.string(), city: z.string(),
});

const BranchFields = {
  name: plainText(2, 120),
  address: plainText(3, 200),
  postcode: DutchPostcode,
  city: plainText(2, 100),
};
const RoomFields = {
  name: plainText(1, 120),
  capacity: z.number().int().min(1).max(ROOM_MAX_CAPACITY),
};

// ---- events ----
export const ActivityPlaceChanged = defineEvent({
  service: 'events', aggregate: 'activity', event: 'place-changed', version: 1,
  description: 'An activity moved to another library room, or out of one (`place` null); `location` is what calendars show now.',
  schema: z.object({ activityId: Id, communityId: Id, place: Place.nullable(), location: z.string().nullable() }),
});

// ---- requests ----
export const CreateBranch = defineRequest({
  pattern: 'events.branch.create', service: 'events', command: true,
  // 403 NOT_LIBRARY_ADMIN; 404 REGION_NOT_FOUND; 409 BRANCH_NAME_TAKEN.
  description: 'Open a branch (vestiging) of a region’s library: its name and address (library administrators of the region).',
  request: z.object({ region: RegionSlug, ...BranchFields }).strict(),
  response: Created,
});
export const ListBranches = defineRequest({
  pattern: 'events.branch.list', service: 'events',
  description: 'A region’s branches with their rooms, by name (public: where the library is).',
  request: z.object({ region: RegionSlug }).strict(),
  response: listOf(Branch),
});
export const UpdateBranch = defineRequest({
  pattern: 'events.branch.update', service: 'events', command: true,
  // 404 BRANCH_NOT_FOUND; 403 NOT_LIBRARY_ADMIN; 409 BRANCH_NAME_TAKEN. Activities in its rooms take the new address.
  description: 'Change a branch’s name or address (library administrators of its region); its coming activities show the new address.',
  request: z.object({ id: Id, ...BranchFields }).partial().required({ id: true }).strict(),
  response: Branch,
});
export const RemoveBranch = defineRequest({
  pattern: 'events.branch.remove', service: 'events', command: true,
  // 409 BRANCH_IN_USE when one of its rooms is booked for an activity that has not ended.
  description: 'Close a branch with its rooms (library administrators of its region); refused while a room has coming bookings.',
  request: z.object({ id: Id }).strict(),
  response: Empty,
});
export const CreateRoom = defineRequest({
  pattern: 'events.room.create', service: 'events', command: true,
  // 404 BRANCH_NOT_FOUND; 403 NOT_LIBRARY_ADMIN; 409 ROOM_NAME_TAKEN.
  description: 'Add a room (zaal) to a branch, with the number of people it holds (library administrators of the region).',
  request: z.object({ branchId: Id, ...RoomFields }).strict(),
  response: Created,
});
export const ListRooms = defineRequest({
  pattern: 'events.room.list', service: 'events',
  description: 'The rooms of a branch, by name (public).',
  request: z.object({ branchId: Id }).strict(),
  response: listOf(Room),
});
export const UpdateRoom = defineRequest({
  pattern: 'events.room.update', service: 'events', command: true,
  // 409 ROOM_CAPACITY_BELOW_BOOKED when a coming activity in the room has more places than the new capacity.
  description: 'Rename a room or change how many people it holds (library administrators of the region).',
  request: z.object({ id: Id, ...RoomFields }).partial().required({ id: true }).strict(),
  response: Room,
});
export const RemoveRoom = defineRequest({
  pattern: 'events.room.remove', service: 'events', command: true,
  // 409 ROOM_IN_USE while it is booked for an activity that has not ended; past activities keep their location text.
  description: 'Remove a room (library administrators of the region); refused while it is booked for a coming activity.',
  request: z.object({ id: Id }).strict(),
  response: Empty,
});
