import type { CommunitySummary, ListBlocks, ListMembers, ResponseOf } from '@kc/contracts';
import type { z } from 'zod';
import { ActionForm, Alert, DataTable, ErrorSummary, Form, SelectField, SubmitButton, TextArea } from '../layout/components';
import { formatDate } from '../layout/dates';
import type { FieldErrors, FormValues } from '../layout/forms';
import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import { newFormKey, type WebContext } from '../web-context';

type CommunityView = z.infer<typeof CommunitySummary>;
type BlockView = ResponseOf<typeof ListBlocks>['items'][number];
type MemberView = ResponseOf<typeof ListMembers>['items'][number];

export const blockText = textsFor({
  nl: {
    title: 'Geblokkeerde personen',
    lead: 'Wie hier geblokkeerd is, is geen lid meer en kan niet opnieuw lid worden, posten of reageren in deze community, tot de blokkade wordt opgeheven.',
    block: 'Iemand blokkeren',
    fields: { accountId: 'Lid', reason: 'Reden' },
    reasonHint: 'Voor de moderatoren en het logboek van de community.',
    submit: 'Blokkeren',
    noMembers: 'Er zijn geen leden die je kunt blokkeren.',
    none: 'Niemand is geblokkeerd.',
    columns: { name: 'Naam', reason: 'Reden', since: 'Sinds', action: 'Actie' },
    unblock: 'Blokkade opheffen',
    unblockLabel: (name: string) => `Blokkade opheffen: ${name}`,
    link: 'Geblokkeerde personen',
  },
  en: {
    title: 'Blocked people',
    lead: 'Whoever is blocked here is no longer a member and cannot join again, post or react in this community until the block is lifted.',
    block: 'Block someone',
    fields: { accountId: 'Member', reason: 'Reason' },
    reasonHint: 'For the moderators and the community’s log.',
    submit: 'Block',
    noMembers: 'There are no members you can block.',
    none: 'Nobody is blocked.',
    columns: { name: 'Name', reason: 'Reason', since: 'Since', action: 'Action' },
    unblock: 'Lift block',
    unblockLabel: (name: string) => `Lift block: ${name}`,
    link: 'Blocked people',
  },
});

export function blocksPage(
  web: WebContext, community: CommunityView, blocks: BlockView[], members: MemberView[],
  form: { values?: FormValues; errors?: FieldErrors; error?: string } = {},
): string {
  const t = blockText(web.lang);
  // Organisers cannot be blocked, nor oneself; the service refuses the rest it must (a moderator blocking a moderator).
  const candidates = members.filter((m) => m.role !== 'organiser' && m.accountId !== web.viewer?.id);
  return renderPage({
    web,
    title: `${t.title} – ${community.name}`,
    hasErrors: !!form.errors && Object.keys(form.errors).length > 0,
    breadcrumbs: [{ href: paths.community(community.id), label: community.name }],
    children: (
      <>
        <PageHeading lead={t.lead}>{t.title}</PageHeading>
        {form.error ? <Alert type="error">{form.error}</Alert> : null}
        {blocks.length === 0 ? <p class="utrecht-paragraph">{t.none}</p> : (
          <DataTable
            columns={[t.columns.name, t.columns.reason, t.columns.since, t.columns.action]}
            rows={blocks.map((b) => [
              b.displayName, b.reason, formatDate(b.blockedAt, web.lang),
              <ActionForm action={paths.unblock(community.id, b.accountId)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
                <button type="submit" class="utrecht-button utrecht-button--secondary-action" aria-label={t.unblockLabel(b.displayName)}>{t.unblock}</button>
              </ActionForm>,
            ])}
          />
        )}
        <section aria-labelledby="blokkeren">
          <h2 class="utrecht-heading-2" id="blokkeren">{t.block}</h2>
          {candidates.length === 0 ? <p class="utrecht-paragraph">{t.noMembers}</p> : (
            <>
              <ErrorSummary errors={form.errors ?? {}} order={['accountId', 'reason']} lang={web.lang} />
              <Form action={paths.blocks(community.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
                <SelectField name="accountId" label={t.fields.accountId} values={form.values} errors={form.errors} required options={candidates.map((m) => ({ value: m.accountId, label: m.displayName }))} />
                <TextArea name="reason" label={t.fields.reason} description={t.reasonHint} values={form.values} errors={form.errors} required rows={3} />
                <SubmitButton>{t.submit}</SubmitButton>
              </Form>
            </>
          )}
        </section>
      </>
    ),
  });
}
