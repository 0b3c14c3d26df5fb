import { Injectable } from '@nestjs/common';
import { AccountBlocked, AccountUnblocked, RegionCreated, RegionLicenceChanged, SessionsEnded, StaffRoleGranted, StaffRoleRevoked, type EventEnvelope } from '@kc/contracts';
import { OnEvent } from '@kc/messaging';
import { AccessPublisher } from './access.publisher';

/**
 * identity consumes its own access, session and licence events and writes the account's current
 * access (its ended sessions, or the region's status) into the bucket every service watches. Going through the outbox means the bucket follows every committed change,
 * even when NATS was away at the moment of the change.
 */
@Injectable()
export class AccessHandlers {
  constructor(private readonly access: AccessPublisher) {}

  @OnEvent(StaffRoleGranted)
  async granted(event: EventEnvelope<typeof StaffRoleGranted>): Promise<void> {
    await this.access.publish(event.data.accountId);
  }

  @OnEvent(StaffRoleRevoked)
  async revoked(event: EventEnvelope<typeof StaffRoleRevoked>): Promise<void> {
    await this.access.publish(event.data.accountId);
  }

  @OnEvent(AccountBlocked)
  async blocked(event: EventEnvelope<typeof AccountBlocked>): Promise<void> {
    await this.access.publish(event.data.accountId);
  }

  @OnEvent(AccountUnblocked)
  async unblocked(event: EventEnvelope<typeof AccountUnblocked>): Promise<void> {
    await this.access.publish(event.data.accountId);
  }

  @OnEvent(SessionsEnded)
  async sessionsEnded(event: EventEnvelope<typeof SessionsEnded>): Promise<void> {
    await this.access.publishEndedSessions(event.data.accountId);
  }

  @OnEvent(RegionCreated)
  async regionCreated(event: EventEnvelope<typeof RegionCreated>): Promise<void> {
    await this.access.publishRegion(event.data.regionId);
  }

  @OnEvent(RegionLicenceChanged)
  async licenceChanged(event: EventEnvelope<typeof RegionLicenceChanged>): Promise<void> {
    await this.access.publishRegion(event.data.regionId);
  }
}
