import type { Region } from './region.entity';

export const toRegionResponse = (region: Region) => ({ id: region.id, slug: region.slug, name: region.name, status: region.status });
