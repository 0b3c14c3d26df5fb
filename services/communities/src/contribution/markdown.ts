import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * The Markdown a contribution may use: paragraphs, emphasis, lists, links, quotes and code.
 * Raw HTML is never interpreted (`html: false`: it stays visible text); images are off (they
 * would load from other hosts and track readers), and so are headings and tables (a thread
 * reads as conversation, not as a document).
 */
const markdown = new MarkdownIt('default', { html: false, linkify: true, breaks: true })
  .disable(['image', 'heading', 'lheading', 'table', 'html_block', 'html_inline']);

export const ALLOWED_TAGS = ['p', 'br', 'em', 'strong', 's', 'ul', 'ol', 'li', 'a', 'blockquote', 'code', 'pre', 'hr'] as const;
export const ALLOWED_SCHEMES = ['http', 'https', 'mailto'] as const;
export const LINK_REL = 'nofollow ugc noopener';

/**
 * The allow-list after Markdown: whatever markdown-it produced, only these tags and attributes
 * survive, links only to http(s) and mailto (no `javascript:`, `data:` or protocol-relative
 * addresses), each link marked as user content. A second line of defence: markdown-it already
 * escapes HTML and refuses dangerous link schemes.
 */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [...ALLOWED_TAGS],
  allowedAttributes: { a: ['href', 'rel'], ol: ['start'] },
  allowedSchemes: [...ALLOWED_SCHEMES],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: { a: (tagName, attribs) => ({ tagName, attribs: { ...(attribs.href ? { href: attribs.href } : {}), rel: LINK_REL } }) },
};

/** Markdown source → sanitised HTML, ready to place in a page as it is. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), SANITIZE).trim();
}
