export { MailCatcher, type CaughtMail } from '../../../deploy/local/mail-catcher';
