import { RadioGroup } from '../layout/components';
import type { FieldErrors, FormValues } from '../layout/forms';
import { textsFor } from '../layout/i18n';
import type { WebContext } from '../web-context';

const text = textsFor({
  nl: {
    label: 'Lid worden',
    modes: { open: 'Iedereen uit de regio kan meteen lid worden', approval: 'Na goedkeuring door een organisator of moderator', invite: 'Alleen op uitnodiging', staff: 'Alleen bibliotheekmedewerkers (alleen bij een landelijke community)' },
  },
  en: {
    label: 'Joining',
    modes: { open: 'Anyone from the region can join at once', approval: 'After approval by an organiser or moderator', invite: 'By invitation only', staff: 'Library staff only (national communities only)' },
  },
});

export const joinModeLabel = (web: Pick<WebContext, 'lang'>) => text(web.lang).label;

/** The join mode as three choices (the creation form and the community's settings); `staff` adds the national communities' fourth. */
export function JoinModeChoice({ web, values, errors, staff }: { web: WebContext; values?: FormValues; errors?: FieldErrors; staff?: boolean }) {
  const t = text(web.lang);
  return (
    <RadioGroup
      name="joinMode" label={t.label} values={values?.joinMode ? values : { ...values, joinMode: 'open' }} errors={errors}
      options={(staff ? (['open', 'approval', 'invite', 'staff'] as const) : (['open', 'approval', 'invite'] as const)).map((mode) => ({ value: mode, label: t.modes[mode] }))}
    />
  );
}
