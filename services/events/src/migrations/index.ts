import { messagingMigrations } from '@kc/messaging';
import { Migration20261122000101Activities } from './Migration20261122000101Activities';
import { Migration20261202000101Waitlist } from './Migration20261202000101Waitlist';
import { Migration20261202000201CalendarFeeds } from './Migration20261202000201CalendarFeeds';
import { Migration20261202000301Attendance } from './Migration20261202000301Attendance';
import { Migration20261202000401Occurrences } from './Migration20261202000401Occurrences';
import { Migration20261202100501Reminders } from './Migration20261202100501Reminders';
import { Migration20261203000201Cohosts } from './Migration20261203000201Cohosts';
import { Migration20261203000101BranchesRooms } from './Migration20261203000101BranchesRooms';
import { Migration20261203400001AttendanceSummaries } from './Migration20261203400001AttendanceSummaries';
import { Migration20261203500001NationalActivities } from './Migration20261203500001NationalActivities';
import { Migration20261204100001PartnerOrganisations } from './Migration20261204100001PartnerOrganisations';

/** In order; the messaging tables (outbox, inbox, idempotency) come first. */
export const eventsMigrations = [
  ...messagingMigrations,
  { name: 'Migration20261122000101Activities', class: Migration20261122000101Activities },
  { name: 'Migration20261202000101Waitlist', class: Migration20261202000101Waitlist },
  { name: 'Migration20261202000201CalendarFeeds', class: Migration20261202000201CalendarFeeds },
  { name: 'Migration20261202000301Attendance', class: Migration20261202000301Attendance },
  { name: 'Migration20261202000401Occurrences', class: Migration20261202000401Occurrences },
  { name: 'Migration20261202100501Reminders', class: Migration20261202100501Reminders },
  { name: 'Migration20261203000101BranchesRooms', class: Migration20261203000101BranchesRooms },
  { name: 'Migration20261203000201Cohosts', class: Migration20261203000201Cohosts },
  { name: 'Migration20261203400001AttendanceSummaries', class: Migration20261203400001AttendanceSummaries },
  { name: 'Migration20261203500001NationalActivities', class: Migration20261203500001NationalActivities },
  { name: 'Migration20261204100001PartnerOrganisations', class: Migration20261204100001PartnerOrganisations },
];
