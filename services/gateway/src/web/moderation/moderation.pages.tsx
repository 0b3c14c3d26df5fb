import type { CommunitySummary, ModeratedTargetType, ReportedContent } from '@kc/contracts';
import type { z } from 'zod';
import { ActionForm, Alert, ErrorSummary, Form, SubmitButton, TextArea } from '../layout/components';
import { formatDate } from '../layout/dates';
import type { FieldErrors, FormValues } from '../layout/forms';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import { newFormKey, type WebContext } from '../web-context';
import { KIND_SEGMENT, moderationText } from './moderation.text';

type CommunityView = z.infer<typeof CommunitySummary>;

/** Where reported content is read: a contribution or media link on its conversation's page. */
const pageOf = (r: ReportedContent) =>
  r.targetType === 'collection' ? paths.collection(r.targetId)
    : r.targetType === 'conversation' ? paths.conversation(r.targetId)
      : `${paths.conversation(r.conversationId!)}${r.targetType === 'contribution' ? `#bijdrage-${r.targetId}` : ''}`;

export function reportPage(web: WebContext, type: ModeratedTargetType, id: string, back: string, form: { values?: FormValues; errors?: FieldErrors } = {}): string {
  const t = moderationText(web.lang);
  const title = t.reportTitle(t.kinds[type]);
  return renderPage({
    web,
    title,
    hasErrors: !!form.errors && Object.keys(form.errors).length > 0,
    breadcrumbs: [{ href: back, label: t.kinds[type] }],
    children: (
      <>
        <PageHeading lead={t.reportLead}>{title}</PageHeading>
        <ErrorSummary errors={form.errors ?? {}} order={['reason']} lang={web.lang} />
        <Form action={paths.report(KIND_SEGMENT[type], id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()} label={title}>
          <input type="hidden" name="terug" value={back} />
          <TextArea name="reason" label={t.fields.reason} description={t.reasonHint} values={form.values} errors={form.errors} required rows={4} />
          <SubmitButton>{t.send}</SubmitButton>
        </Form>
      </>
    ),
  });
}

export function reportsPage(web: WebContext, community: CommunityView, reports: ReportedContent[], form: { reportId?: string; errors?: FieldErrors; values?: FormValues } = {}): string {
  const t = moderationText(web.lang);
  return renderPage({
    web,
    title: `${t.pageTitle} – ${community.name}`,
    hasErrors: !!form.errors && Object.keys(form.errors).length > 0,
    breadcrumbs: [{ href: paths.community(community.id), label: community.name }],
    children: (
      <>
        <PageHeading lead={t.pageLead}>{t.pageTitle}</PageHeading>
        {reports.length === 0 ? <Alert type="info">{t.none}</Alert> : (
          <ul class="kc-report-list">
            {reports.map((r) => {
              const what = `${t.kinds[r.targetType]}: ${r.excerpt.slice(0, 60)}`;
              const headingId = `melding-${r.reportId}`;
              const errors = form.reportId === r.reportId ? form.errors : undefined;
              return (
                <li class="kc-report">
                  <article aria-labelledby={headingId}>
                    <h2 class="utrecht-heading-3" id={headingId}>{t.kinds[r.targetType]} · {t.reportedBy(r.reporterCount)}</h2>
                    <blockquote class="utrecht-blockquote"><p class="utrecht-paragraph">{r.excerpt}</p></blockquote>
                    <p class="utrecht-paragraph kc-muted">
                      {t.by} {r.author.displayName} · {t.since} <time dateTime={r.firstReportedAt}>{formatDate(r.firstReportedAt, web.lang)}</time> ·{' '}
                      <a class="utrecht-link" href={pageOf(r)}>{t.open}</a>
                    </p>
                    <p class="utrecht-paragraph">{t.reasons}:</p>
                    <ul class="utrecht-unordered-list">{r.reasons.map((reason) => <li>{reason}</li>)}</ul>
                    {errors ? <ErrorSummary errors={errors} order={['reason']} lang={web.lang} /> : null}
                    <Form action={paths.hideContent(KIND_SEGMENT[r.targetType], r.targetId)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()} label={t.hideLabel(what)}>
                      <input type="hidden" name="terug" value={paths.reports(community.id)} />
                      <TextArea name="reason" label={t.hideReason} values={errors ? form.values : undefined} errors={errors} required rows={2} />
                      <button class="utrecht-button utrecht-button--primary-action" type="submit" aria-label={t.hideLabel(what)}>{t.hide}</button>
                    </Form>
                    <ActionForm action={paths.dismissReport(community.id, r.reportId)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
                      <button class="utrecht-button utrecht-button--secondary-action" type="submit" aria-label={t.dismissLabel(what)}>{t.dismiss}</button>
                    </ActionForm>
                  </article>
                </li>
              );
            })}
          </ul>
        )}
      </>
    ),
  });
}
