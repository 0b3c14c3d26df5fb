import type { z } from 'zod';
import type { Place } from '@kc/contracts';

/** A room with its branch, as activities show where they take place. */
export type PlaceView = z.infer<typeof Place>;

/** The location text of an activity in a room: what calendars, feeds and search show (`Bibliotheek Centrum, Zaal 1, Stationsweg 1, 5038 AB Tilburg`). */
export const locationOf = (place: PlaceView): string => `${place.branchName}, ${place.roomName}, ${place.address}, ${place.postcode} ${place.city}`;

/** {@link locationOf} in SQL, over a branch `b` and a room `r`: the two must write the same text. */
export const LOCATION_SQL = `b.name || ', ' || r.name || ', ' || b.address || ', ' || b.postcode || ' ' || b.city`;
