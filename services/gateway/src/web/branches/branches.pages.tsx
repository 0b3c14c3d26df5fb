import type { ListBranches, Region, ResponseOf } from '@kc/contracts';
import type { z } from 'zod';
import { ActionForm, ErrorSummary, Form, SubmitButton, TextField } from '../layout/components';
import type { FieldErrors, FormValues } from '../layout/forms';
import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import { newFormKey, type WebContext } from '../web-context';

type BranchView = ResponseOf<typeof ListBranches>['items'][number];

export const branchesText = textsFor({
  nl: {
    title: 'Vestigingen en zalen',
    lead: (region: string) => `De vestigingen van de bibliotheek in ${region} en hun zalen. Activiteiten op locatie kunnen een zaal boeken; die is dan nooit dubbel bezet.`,
    add: 'Vestiging toevoegen',
    branches: 'Vestigingen',
    fields: { name: 'Naam', address: 'Adres', postcode: 'Postcode', city: 'Plaats', capacity: 'Aantal plaatsen' },
    postcodeHint: 'Bijvoorbeeld 5038 AB.',
    addBranch: 'Vestiging toevoegen',
    none: 'Deze regio heeft nog geen vestigingen.',
    rooms: 'Zalen',
    noRooms: 'Deze vestiging heeft nog geen zalen.',
    places: (n: number) => `${n} plaatsen`,
    addRoom: 'Zaal toevoegen',
    roomName: 'Naam van de zaal',
    removeRoom: 'Weghalen',
    removeRoomLabel: (room: string) => `Zaal ${room} weghalen`,
    removeBranch: 'Vestiging sluiten',
    edit: 'Naam of adres wijzigen',
    save: 'Vestiging opslaan',
    removeBranchLabel: (branch: string) => `Vestiging sluiten: ${branch}`,
  },
  en: {
    title: 'Branches and rooms',
    lead: (region: string) => `The library’s branches in ${region} and their rooms. In-person activities can book a room; it is then never double-booked.`,
    add: 'Add a branch',
    branches: 'Branches',
    fields: { name: 'Name', address: 'Address', postcode: 'Postcode', city: 'City', capacity: 'Number of places' },
    postcodeHint: 'For example 5038 AB.',
    addBranch: 'Add branch',
    none: 'This region has no branches yet.',
    rooms: 'Rooms',
    noRooms: 'This branch has no rooms yet.',
    places: (n: number) => `${n} places`,
    addRoom: 'Add room',
    roomName: 'Name of the room',
    removeRoom: 'Remove',
    removeRoomLabel: (room: string) => `Remove room ${room}`,
    removeBranch: 'Close branch',
    edit: 'Change name or address',
    save: 'Save branch',
    removeBranchLabel: (branch: string) => `Close branch: ${branch}`,
  },
});

export const BRANCH_FIELDS = ['name', 'address', 'postcode', 'city'];
export const ROOM_FIELDS = ['name', 'capacity'];

export interface BranchesPageModel {
  region: z.infer<typeof Region>;
  branches: BranchView[];
  /** The form that was refused: adding a branch (`branch`), a room to one branch (its id) or changing one (`edit:<id>`), with what was typed. */
  refused?: { form: 'branch' | string; values: FormValues; errors: FieldErrors };
  /** A refusal not about one form (a room or branch still booked). */
  problem?: string;
}

/** Field names of a branch's room form are prefixed, so each form's errors land beside its own fields. */
export const roomField = (branchId: string, field: string) => `zaal-${branchId}-${field}`;
/** Likewise for a branch's own edit form. */
export const branchField = (branchId: string, field: string) => `vestiging-${branchId}-${field}`;

export function branchesPage(web: WebContext, model: BranchesPageModel): string {
  const t = branchesText(web.lang);
  const { region, branches, refused } = model;
  const branchForm = refused?.form === 'branch' ? refused : undefined;
  return renderPage({
    web,
    title: `${t.title} – ${region.name}`,
    hasErrors: !!refused || !!model.problem,
    children: (
      <>
        <PageHeading lead={t.lead(region.name)}>{t.title}</PageHeading>
        {model.problem ? <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{model.problem}</p></div> : null}
        <section aria-labelledby="vestigingen">
          <h2 class="utrecht-heading-2" id="vestigingen">{t.branches}</h2>
          {branches.length === 0 ? <p class="utrecht-paragraph">{t.none}</p> : null}
          {branches.map((branch) => {
            const roomForm = refused?.form === branch.id ? refused : undefined;
            const prefixed = (source?: Record<string, string>) => source && Object.fromEntries(Object.entries(source).map(([k, v]) => [k ? roomField(branch.id, k) : k, v]));
            return (
              <article class="kc-card" aria-labelledby={`vestiging-${branch.id}`}>
                <h3 class="utrecht-heading-3" id={`vestiging-${branch.id}`}>{branch.name}</h3>
                <p class="utrecht-paragraph">{branch.address}, {branch.postcode} {branch.city}</p>
                <h4 class="utrecht-heading-4">{t.rooms}</h4>
                {branch.rooms.length === 0 ? <p class="utrecht-paragraph">{t.noRooms}</p> : (
                  <ul class="utrecht-unordered-list">
                    {branch.rooms.map((room) => (
                      <li class="utrecht-unordered-list__item">
                        {room.name} ({t.places(room.capacity)}){' '}
                        <ActionForm action={paths.removeRoom(room.id)} csrfToken={web.csrfToken}>
                          <button class="utrecht-button utrecht-button--subtle" type="submit" aria-label={t.removeRoomLabel(room.name)}>{t.removeRoom}</button>
                        </ActionForm>
                      </li>
                    ))}
                  </ul>
                )}
                {roomForm ? <ErrorSummary errors={prefixed(roomForm.errors)!} order={ROOM_FIELDS.map((f) => roomField(branch.id, f))} lang={web.lang} /> : null}
                <Form action={paths.newRoom(branch.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()} label={`${t.addRoom}: ${branch.name}`}>
                  <TextField name={roomField(branch.id, 'name')} label={t.roomName} values={prefixed(roomForm?.values)} errors={prefixed(roomForm?.errors)} required />
                  <TextField name={roomField(branch.id, 'capacity')} type="number" label={t.fields.capacity} values={prefixed(roomForm?.values)} errors={prefixed(roomForm?.errors)} inputMode="numeric" min="1" required />
                  <SubmitButton variant="secondary">{t.addRoom}</SubmitButton>
                </Form>
                <details class="kc-details" open={refused?.form === `edit:${branch.id}` ? true : undefined}>
                  <summary>{t.edit}</summary>
                  <EditBranch web={web} branch={branch} refused={refused?.form === `edit:${branch.id}` ? refused : undefined} />
                </details>
                <ActionForm action={paths.removeBranch(branch.id)} csrfToken={web.csrfToken}>
                  <button class="utrecht-button utrecht-button--subtle" type="submit" aria-label={t.removeBranchLabel(branch.name)}>{t.removeBranch}</button>
                </ActionForm>
              </article>
            );
          })}
        </section>
        <section aria-labelledby="toevoegen">
          <h2 class="utrecht-heading-2" id="toevoegen">{t.add}</h2>
          <ErrorSummary errors={branchForm?.errors ?? {}} order={BRANCH_FIELDS} lang={web.lang} />
          <Form action={paths.branches()} csrfToken={web.csrfToken} idempotencyKey={newFormKey()} label={t.add}>
            <TextField name="name" label={t.fields.name} values={branchForm?.values} errors={branchForm?.errors} required />
            <TextField name="address" label={t.fields.address} values={branchForm?.values} errors={branchForm?.errors} autocomplete="street-address" required />
            <TextField name="postcode" label={t.fields.postcode} description={t.postcodeHint} values={branchForm?.values} errors={branchForm?.errors} autocomplete="postal-code" required />
            <TextField name="city" label={t.fields.city} values={branchForm?.values} errors={branchForm?.errors} autocomplete="address-level2" required />
            <SubmitButton>{t.addBranch}</SubmitButton>
          </Form>
        </section>
      </>
    ),
  });
}

/** The branch's name and address, filled in, under its own field names (one form per branch on the page). */
function EditBranch({ web, branch, refused }: { web: WebContext; branch: BranchView; refused?: { values: FormValues; errors: FieldErrors } }) {
  const t = branchesText(web.lang);
  const named = (source: Record<string, string | undefined>) => Object.fromEntries(Object.entries(source).map(([k, v]) => [k ? branchField(branch.id, k) : k, v ?? '']));
  const values = named(refused?.values ?? { name: branch.name, address: branch.address, postcode: branch.postcode, city: branch.city });
  const errors = refused ? named(refused.errors) : undefined;
  return (
    <>
      {errors ? <ErrorSummary errors={errors} order={BRANCH_FIELDS.map((f) => branchField(branch.id, f))} lang={web.lang} /> : null}
      <Form action={paths.editBranch(branch.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()} label={`${t.edit}: ${branch.name}`}>
        {BRANCH_FIELDS.map((f) => <TextField name={branchField(branch.id, f)} label={t.fields[f as keyof typeof t.fields]} values={values} errors={errors} required />)}
        <SubmitButton variant="secondary">{t.save}</SubmitButton>
      </Form>
    </>
  );
}
