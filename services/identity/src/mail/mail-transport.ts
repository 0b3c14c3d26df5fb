import { createTransport, type Transporter } from 'nodemailer';

export interface OutgoingMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** The SMTP server behind a small interface (nodemailer, ADR 0036). Resolves once the server accepted the mail. */
export class SmtpMailTransport {
  private readonly transporter: Transporter;

  constructor(url: string, private readonly from: string) {
    // Short timeouts: a delivery holds its outbox row locked, and a server that hangs is an outage to retry.
    this.transporter = createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId });
  }

  close(): void {
    this.transporter.close();
  }
}
