import { Id, RegionSlug } from '@kc/contracts';
import { WebErrors } from '../web-errors';

/** A path parameter that cannot name anything is a page that does not exist (404), never a 400 or 500. */
export function idParam(value: string): string {
  const parsed = Id.safeParse(value);
  if (!parsed.success) throw WebErrors.pageNotFound();
  return parsed.data;
}

export function regionSlugParam(value: string): string {
  const parsed = RegionSlug.safeParse(value);
  if (!parsed.success) throw WebErrors.pageNotFound();
  return parsed.data;
}
