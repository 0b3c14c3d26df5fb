import { Module } from '@nestjs/common';
import { MailSender } from './mail-sender';

/** Delivers identity's mail outbox over SMTP. */
@Module({ providers: [MailSender] })
export class MailModule {}
