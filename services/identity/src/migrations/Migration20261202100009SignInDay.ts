import { Migration } from '@mikro-orm/migrations';

/** The day of an account's last sign-in (no time, no address): the operator's count of active members. */
export class Migration20261202100009SignInDay extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE accounts ADD COLUMN last_sign_in_on date');
  }
}
