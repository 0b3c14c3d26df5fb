import { z } from 'zod';
import { bilingual } from '../bilingual';
import { Id, RegionSlug, listOf } from '../common';
import { defineRequest } from '../define';

export const MAX_EXPERTISE = 20;
export const MAX_EXPERTISE_LENGTH = 60;

/** One keyword as a person typed it: white space folded, at most 60 characters. */
export const ExpertiseKeyword = z.string().transform((s) => s.replace(/\s+/g, ' ').trim()).pipe(z.string().max(MAX_EXPERTISE_LENGTH));

/** Case-insensitive identity of a keyword: "Zonnepanelen" and "zonnepanelen " are one. */
export const expertiseKey = (keyword: string) => keyword.normalize('NFC').toLocaleLowerCase('nl');

/** Free-text expertise keywords: trimmed, empty ones dropped, duplicates (ignoring case) dropped, at most 20. */
export const Expertise = z
  .array(ExpertiseKeyword)
  .max(100)
  .transform((keywords) => {
    const byKey = new Map<string, string>();
    for (const keyword of keywords) if (keyword !== '' && !byKey.has(expertiseKey(keyword))) byKey.set(expertiseKey(keyword), keyword);
    return [...byKey.values()];
  })
  .pipe(z.array(z.string()).max(MAX_EXPERTISE));

export const Bio = z.string().trim().max(1000);

/** A person's profile: private by default, shown in the people directory of their region only when `directory` is true. */
export const Profile = z.object({ displayName: z.string(), bio: z.string(), expertise: z.array(z.string()), directory: z.boolean() });
export type Profile = z.infer<typeof Profile>;

export const GetMyProfile = defineRequest({
  pattern: 'identity.profile.get', service: 'identity',
  description: 'The caller’s own profile (private by default).',
  request: z.object({}).strict(), response: Profile,
});

export const ProfileChanges = z
  .object({ displayName: z.string().trim().min(1).max(80).optional(), bio: Bio.optional(), expertise: Expertise.optional(), directory: z.boolean().optional() })
  .strict()
  .refine((v) => Object.values(v).some((field) => field !== undefined), bilingual({ nl: 'geef minstens één van displayName, bio, expertise en directory op', en: 'give at least one of displayName, bio, expertise and directory' }));
export const UpdateMyProfile = defineRequest({
  pattern: 'identity.profile.update', service: 'identity', command: true,
  description: 'Change the caller’s profile: name, bio, expertise keywords (free text; the web offers Brinkman subject labels as you type, SuggestBrinkmanTerms) and whether they appear in their region’s people directory.',
  request: ProfileChanges, response: Profile,
});

export const DirectoryPerson = z.object({ accountId: Id, displayName: z.string(), bio: z.string(), expertise: z.array(z.string()) });
export const PeopleQuery = z.object({
  /** Part of a keyword, any case; empty or absent: everyone in the directory. */
  expertise: z.string().trim().max(MAX_EXPERTISE_LENGTH).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  /** Opaque `nextCursor` of the previous page; anything else is 400 INVALID_CURSOR. */
  cursor: z.string().max(300).optional(),
}).strict();
export const ListRegionPeople = defineRequest({
  pattern: 'identity.people.list', service: 'identity',
  description: 'The people directory of a region ("wie weet wat"): only people of that region who opted in, by name; for members of that region only.',
  request: PeopleQuery.extend({ region: RegionSlug }).strict(),
  response: listOf(DirectoryPerson),
});
