import type { ListRegions, ResponseOf } from '@kc/contracts';

/** The operator's choice of region on a management page (`?regio=`), sent with Tonen. */
export function RegionChoice({ action, regions, chosen, label, show }: { action: string; regions: ResponseOf<typeof ListRegions>['items']; chosen: string; label: string; show: string }) {
  return (
    <form class="kc-form kc-inline-form" method="get" action={action}>
      <label class="utrecht-form-label" for="regio-keuze">{label}</label>
      <select class="utrecht-select utrecht-select--html-select" id="regio-keuze" name="regio">
        {regions.map((r) => <option value={r.slug} selected={r.slug === chosen}>{r.name}</option>)}
      </select>
      <button class="utrecht-button utrecht-button--secondary-action" type="submit">{show}</button>
    </form>
  );
}
