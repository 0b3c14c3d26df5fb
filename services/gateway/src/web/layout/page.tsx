import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { WebContext } from '../web-context';
import { assetUrl } from './assets';
import { ActionForm, Alert } from './components';
import { commonText } from './i18n';
import { paths } from './paths';

export interface PageProps {
  web: WebContext;
  /** What the page is about; the document title is "<title> – KennisCloud". */
  title: string;
  /** The page shows a form whose last submission failed: the title starts with "Fout:". */
  hasErrors?: boolean;
  breadcrumbs?: { href: string; label: string }[];
  /** Reload the page after this many seconds (while something the page shows is being made). */
  refreshSeconds?: number;
  children: ComponentChildren;
}

const HTMX_CONFIG = JSON.stringify({ includeIndicatorStyles: false, allowEval: false, allowScriptTags: false, historyCacheSize: 0, selfRequestsOnly: true });

/** A whole document: `<!doctype html>` and the rendered page. */
export function renderPage(page: PageProps): string {
  return `<!doctype html>${renderToString(<Page {...page} />)}`;
}

export function Page({ web, title, hasErrors, breadcrumbs, refreshSeconds, children }: PageProps) {
  const t = commonText(web.lang);
  const viewer = web.viewer;
  const documentTitle = `${hasErrors ? `${t.errorPrefix}: ` : ''}${title} – ${t.siteName}`;
  return (
    <html lang={web.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {refreshSeconds ? <meta http-equiv="refresh" content={String(refreshSeconds)} /> : null}
        <title>{documentTitle}</title>
        <link rel="stylesheet" href={assetUrl('components.css')} />
        <link rel="stylesheet" href={assetUrl('theme.css')} />
        <link rel="stylesheet" href={assetUrl('kennis.css')} />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <script src={assetUrl('htmx.min.js')} defer />
        <script src={assetUrl('keyword-suggestions.js')} defer />
      </head>
      <body class="voorbeeld-theme kennis-theme utrecht-document utrecht-document--surface">
        <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">{t.skipLink}</a>
        <header class="kc-header">
          <div class="kc-wrap kc-header__top">
            <a class="kc-logo" href={paths.home()}>{t.siteName}</a>
            <nav class="kc-lang" aria-label={t.languageNav}>
              <a class="utrecht-link" href={paths.language(t.otherLanguageCode, web.path)} lang={t.otherLanguageCode} hreflang={t.otherLanguageCode}>{t.otherLanguage}</a>
            </nav>
          </div>
          <div class="kc-wrap kc-header__bar">
            <nav class="kc-nav" aria-label={t.mainNav}>
              <ul class="kc-nav__list">
                <li><a class="kc-nav__link" href={paths.home()}>{t.home}</a></li>
                {viewer?.region ? <li><a class="kc-nav__link" href={paths.region(viewer.region.slug)}>{t.myRegion}</a></li> : null}
                {viewer ? <li><a class="kc-nav__link" href={paths.myActivities()}>{t.myActivities}</a></li> : null}
                {viewer?.region ? <li><a class="kc-nav__link" href={paths.people(viewer.region.slug)}>{t.people}</a></li> : null}
                <li><a class="kc-nav__link" href={paths.organisations()}>{t.organisations}</a></li>
                {viewer ? <li><a class="kc-nav__link" href={paths.myProfile()}>{t.myProfile}</a></li> : null}
                {viewer?.roles.includes('library_admin') ? <li><a class="kc-nav__link" href={paths.catalogue()}>{t.catalogue}</a></li> : null}
                {viewer?.roles.includes('library_admin') || viewer?.isOperator ? <li><a class="kc-nav__link" href={paths.staff()}>{t.staff}</a></li> : null}
                {viewer?.roles.includes('library_admin') || viewer?.isOperator ? <li><a class="kc-nav__link" href={paths.regionSettings()}>{t.regionSettings}</a></li> : null}
                {viewer?.roles.includes('library_admin') ? <li><a class="kc-nav__link" href={paths.branches()}>{t.branches}</a></li> : null}
                {viewer?.isOperator ? <li><a class="kc-nav__link" href={paths.operatorRegions()}>{t.regions}</a></li> : null}
                {viewer?.isOperator ? <li><a class="kc-nav__link" href={paths.operatorUsage()}>{t.usage}</a></li> : null}
                {viewer?.roles.includes('library_admin') || viewer?.isOperator ? <li><a class="kc-nav__link" href={paths.audit()}>{t.audit}</a></li> : null}
              </ul>
            </nav>
            <div class="kc-account">
              {viewer ? (
                <>
                  <p class="kc-account__who">
                    <span class="kc-visually-hidden">{t.signedInAs} </span>
                    <span class="kc-account__name">{viewer.displayName}</span>
                    {viewer.isOperator ? <span class="kc-badge">{t.operator}</span> : null}
                    {viewer.roles.map((role) => <span class="kc-badge">{t.roles[role]}</span>)}
                  </p>
                  <ActionForm action={paths.signOut()} csrfToken={web.csrfToken}>
                    <button class="utrecht-button utrecht-button--secondary-action" type="submit">{t.signOut}</button>
                  </ActionForm>
                </>
              ) : (
                <ul class="kc-nav__list">
                  <li><a class="kc-nav__link" href={paths.signIn(web.path === '/' ? undefined : web.path)}>{t.signIn}</a></li>
                  <li><a class="kc-nav__link" href={paths.register()}>{t.register}</a></li>
                </ul>
              )}
            </div>
          </div>
          <div class="kc-wrap">
            <form class="kc-search" role="search" method="get" action={paths.search()} aria-label={t.searchRegion}>
              <label class="utrecht-form-label" for="zoekterm">{t.searchLabel}</label>
              <input class="utrecht-textbox utrecht-textbox--html-input" id="zoekterm" name="q" type="search" value={web.query ?? ''} autocomplete="off" />
              <button class="utrecht-button utrecht-button--primary-action" type="submit">{t.search}</button>
            </form>
          </div>
        </header>
        <main class="kc-wrap kc-main" id="inhoud" tabIndex={-1}>
          {breadcrumbs && breadcrumbs.length > 0 ? (
            <nav class="utrecht-breadcrumb-nav kc-breadcrumbs" aria-label={t.breadcrumb}>
              <ol class="utrecht-breadcrumb-nav__list utrecht-breadcrumb-nav__list--html-ol">
                {breadcrumbs.map((b) => <li class="utrecht-breadcrumb-nav__item"><a class="utrecht-breadcrumb-nav__link" href={b.href}>{b.label}</a></li>)}
              </ol>
            </nav>
          ) : null}
          {web.notice ? <Alert type="ok">{web.notice}</Alert> : null}
          {children}
        </main>
        <footer class="kc-footer">
          <div class="kc-wrap">
            <nav aria-label={t.footerNav}>
              <ul class="kc-nav__list">
                <li><a class="utrecht-link" href={paths.terms()}>{t.terms}</a></li>
                <li><a class="utrecht-link" href={paths.privacy()}>{t.privacy}</a></li>
                <li><a class="utrecht-link" href="/api/docs">{t.apiDocs}</a></li>
              </ul>
            </nav>
            <p class="utrecht-paragraph">{t.noTrackers}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** Headings and a lead paragraph, the same on every page. */
export function PageHeading({ children, lead }: { children: ComponentChildren; lead?: ComponentChildren }) {
  return (
    <>
      <h1 class="utrecht-heading-1">{children}</h1>
      {lead ? <p class="utrecht-paragraph utrecht-paragraph--lead">{lead}</p> : null}
    </>
  );
}
