import { messagingMigrations } from '@kc/messaging';
import { Migration20261121000001Regions } from './Migration20261121000001Regions';
import { Migration20261121000002SigningKeys } from './Migration20261121000002SigningKeys';
import { Migration20261121000003Accounts } from './Migration20261121000003Accounts';
import { Migration20261121000004StaffRoles } from './Migration20261121000004StaffRoles';
import { Migration20261201000005AccessConsentThrottle } from './Migration20261201000005AccessConsentThrottle';
import { Migration20261202000006RegionLicences } from './Migration20261202000006RegionLicences';
import { Migration20261202000007AuditLog } from './Migration20261202000007AuditLog';
import { Migration20261202000008Profiles } from './Migration20261202000008Profiles';
import { Migration20261202100009SignInDay } from './Migration20261202100009SignInDay';
import { Migration20261202100010DataExports } from './Migration20261202100010DataExports';
import { Migration20261202200011Sessions } from './Migration20261202200011Sessions';
import { Migration20261202200012Erasures } from './Migration20261202200012Erasures';
import { Migration20261202210013MailOutbox } from './Migration20261202210013MailOutbox';
import { Migration20261202220014Consents } from './Migration20261202220014Consents';
import { Migration20261202230015InactiveAccounts } from './Migration20261202230015InactiveAccounts';
import { Migration20261202231016RegionSso } from './Migration20261202231016RegionSso';

/** In order; the messaging tables (outbox, inbox, idempotency) come first. */
export const identityMigrations = [
  ...messagingMigrations,
  { name: 'Migration20261121000001Regions', class: Migration20261121000001Regions },
  { name: 'Migration20261121000002SigningKeys', class: Migration20261121000002SigningKeys },
  { name: 'Migration20261121000003Accounts', class: Migration20261121000003Accounts },
  { name: 'Migration20261121000004StaffRoles', class: Migration20261121000004StaffRoles },
  { name: 'Migration20261201000005AccessConsentThrottle', class: Migration20261201000005AccessConsentThrottle },
  { name: 'Migration20261202000006RegionLicences', class: Migration20261202000006RegionLicences },
  { name: 'Migration20261202000007AuditLog', class: Migration20261202000007AuditLog },
  { name: 'Migration20261202000008Profiles', class: Migration20261202000008Profiles },
  { name: 'Migration20261202100009SignInDay', class: Migration20261202100009SignInDay },
  { name: 'Migration20261202100010DataExports', class: Migration20261202100010DataExports },
  { name: 'Migration20261202200011Sessions', class: Migration20261202200011Sessions },
  { name: 'Migration20261202200012Erasures', class: Migration20261202200012Erasures },
  { name: 'Migration20261202210013MailOutbox', class: Migration20261202210013MailOutbox },
  { name: 'Migration20261202220014Consents', class: Migration20261202220014Consents },
  { name: 'Migration20261202230015InactiveAccounts', class: Migration20261202230015InactiveAccounts },
  { name: 'Migration20261202231016RegionSso', class: Migration20261202231016RegionSso },
];
