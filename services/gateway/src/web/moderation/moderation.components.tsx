import type { ModeratedTargetType } from '@kc/contracts';
import { ActionForm } from '../layout/components';
import { paths } from '../layout/paths';
import { newFormKey, type WebContext } from '../web-context';
import { KIND_SEGMENT, moderationText } from './moderation.text';

/**
 * Beside reported or hidden content: "Melden" for signed-in viewers of visible content; for its
 * author and the moderators (who alone get the reason) the reason; Terugzetten for the moderators.
 */
export function ModerationActions({ web, type, id, authorId, hidden, hiddenReason }: {
  web: WebContext; type: ModeratedTargetType; id: string; authorId: string; hidden?: boolean; hiddenReason?: string | null;
}) {
  if (!web.viewer) return null;
  const t = moderationText(web.lang);
  const what = t.kinds[type];
  if (!hidden) {
    if (web.viewer.id === authorId) return null;
    return <a class="utrecht-link kc-report-link" href={paths.report(KIND_SEGMENT[type], id, web.path)} aria-label={t.reportLabel(what.toLowerCase())}>{t.report}</a>;
  }
  if (hiddenReason == null) return null;
  return (
    <div class="kc-hidden-reason">
      <p class="utrecht-paragraph kc-muted">{t.hiddenBecause(hiddenReason)}</p>
      {web.viewer.id !== authorId ? (
        <ActionForm action={paths.restoreContent(KIND_SEGMENT[type], id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()} hidden={{ terug: web.path }}>
          <button class="utrecht-button utrecht-button--secondary-action" type="submit" aria-label={t.restoreLabel(what)}>{t.restore}</button>
        </ActionForm>
      ) : null}
    </div>
  );
}
