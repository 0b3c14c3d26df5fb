import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import type { Type } from '@nestjs/common';
import { AccountsController } from '../api/accounts.controller';
import { ActivitiesController } from '../api/activities.controller';
import { CatalogueController } from '../api/catalogue.controller';
import { CommunitiesController } from '../api/communities.controller';
import { ContributionsController } from '../api/contributions.controller';
import { ConversationTitlesController } from '../api/conversation-titles.controller';
import { RegionsController } from '../api/regions.controller';
import { SearchController } from '../api/search.controller';
import { Routes } from './layout/paths';
import { webRoutes } from './web.module';

const API_CONTROLLERS: Type[] = [AccountsController, ActivitiesController, CatalogueController, CommunitiesController, ContributionsController, ConversationTitlesController, RegionsController, SearchController];
const normal = (path: string) => `/${path.replace(/^\/+/, '')}`.replace(/:[a-zA-Z]+/g, ':p');

describe('web routes', () => {
  it('are every route of the web controllers, declared from Routes', () => {
    const declared = new Set<string>(Object.values(Routes));
    const routes = webRoutes();
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) expect(declared).toContain(route.path);
  });

  it('never share a path and method with an API route: the global prefix exclusion would take the API route out of /api/v1', () => {
    const api = API_CONTROLLERS.flatMap((controller) =>
      Object.getOwnPropertyNames(controller.prototype)
        .filter((name) => name !== 'constructor')
        .map((name) => controller.prototype[name] as object)
        .filter((handler) => typeof handler === 'function' && Reflect.hasMetadata(PATH_METADATA, handler))
        .map((handler) => `${Reflect.getMetadata(METHOD_METADATA, handler)} ${normal(Reflect.getMetadata(PATH_METADATA, handler) as string)}`),
    );
    expect(api.length).toBeGreaterThan(10);
    const web = webRoutes().map((r) => `${r.method} ${normal(r.path)}`);
    expect(web.filter((route) => api.includes(route))).toEqual([]);
  });
});
