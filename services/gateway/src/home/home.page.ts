/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A tagged template whose every interpolation is escaped. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? escapeHtml(values[i]) : ''), '');
}

export interface HomePageModel {
  docsUrl: string;
  openApiUrl: string;
  healthUrl: string;
}

/** The server-rendered Dutch home page: no scripts, no external assets, no cookies. */
export function renderHomePage(model: HomePageModel): string {
  return html`<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>KennisCloud</title>
<style>
body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
h1{color:#00588f}a{color:#00588f}footer{margin-top:2rem;font-size:.9rem;color:#555}
</style>
</head>
<body>
<main>
<h1>KennisCloud</h1>
<p>KennisCloud is het open, privacyvriendelijke kennisnetwerk van de openbare bibliotheken.
Inwoners, communities en organisaties vinden elkaar online en in de bibliotheek, delen kennis
over maatschappelijke thema’s — duurzaam wonen, nieuwe woonvormen, eenzaamheid, onderwijsinnovatie —
en plannen samen activiteiten. Bij elk gesprek stelt het platform titels uit de collectie van de bibliotheek voor.</p>
<h2>Voor ontwikkelaars</h2>
<ul>
<li><a href="${model.docsUrl}">API-documentatie (OpenAPI)</a></li>
<li><a href="${model.openApiUrl}">OpenAPI-document (JSON)</a></li>
<li><a href="${model.healthUrl}">Status van de diensten</a></li>
</ul>
</main>
<footer>Geen trackers, alleen functionele cookies. <span lang="en">An open knowledge network for Dutch public libraries.</span></footer>
</body>
</html>
`;
}
