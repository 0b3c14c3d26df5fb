import { GetRegion, ListOrganisations, type RequestContract, type RequestMeta } from '@kc/contracts';
import { partnerChoices } from './partner-choices';

/** A request/reply stand-in that answers GetRegion and ListOrganisations and records what it was asked. */
function regions(slugs: Record<string, string>) {
  const calls: Array<{ pattern: string; data: Record<string, unknown> }> = [];
  const send = async (contract: RequestContract, data: Record<string, unknown>) => {
    calls.push({ pattern: contract.pattern, data });
    if (contract === GetRegion) return { slug: slugs[data.id as string] };
    if (contract === ListOrganisations) return { items: [{ id: `org-of-${String(data.region)}` }], nextCursor: null };
    throw new Error(`unexpected ${contract.pattern}`);
  };
  return { rpc: { send } as never, calls };
}

// The operator has no region; an organiser of a national community may live in another region than it.
const operator = { correlationId: 'c', token: 't' } as unknown as RequestMeta;

describe('partner organisations offered on a community or activity page', () => {
  it('are those of the community’s region (with the national ones), whoever looks', async () => {
    const { rpc, calls } = regions({ 'r-langstraat': 'langstraat' });
    await expect(partnerChoices(rpc, operator, { regionId: 'r-langstraat' })).resolves.toEqual([{ id: 'org-of-langstraat' }]);
    expect(calls).toEqual([
      { pattern: GetRegion.pattern, data: { id: 'r-langstraat' } },
      { pattern: ListOrganisations.pattern, data: { region: 'langstraat', limit: 100 } },
    ]);
  });

  it('reuse the community’s region when the page already read it', async () => {
    const { rpc, calls } = regions({});
    await partnerChoices(rpc, operator, { regionId: 'r-langstraat' }, { slug: 'langstraat' });
    expect(calls).toEqual([{ pattern: ListOrganisations.pattern, data: { region: 'langstraat', limit: 100 } }]);
  });
});
