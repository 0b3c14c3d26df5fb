import type { EntityManager } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import type { RenderedMail } from './mail-templates';

export type MailKind = 'verify-email' | 'password-reset' | 'inactivity-warning';

/**
 * Puts a mail in the outbox in the caller's transaction: it is sent only if what caused it
 * commits, and it is not lost if the process stops before the mail sender delivers it.
 */
export async function recordMail(em: EntityManager, mail: { accountId: string; kind: MailKind; recipient: string } & RenderedMail): Promise<string> {
  const id = uuidv7();
  await em.execute(
    'INSERT INTO mail_outbox (id, account_id, kind, recipient, subject, text_body, html_body) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [id, mail.accountId, mail.kind, mail.recipient, mail.subject, mail.text, mail.html],
  );
  return id;
}
