import type { DeadLetterReplayReport } from '@kc/contracts';
import { safeError } from '@kc/observability';
import type { Logger } from 'pino';
import type { EventApplier } from '../events/event-applier';
import { isInfrastructureError } from '../infrastructure-error';
import type { DeadLetterStore } from './dead-letter-store';

export type ReplayReport = DeadLetterReplayReport;

/**
 * Replays a service's dead letters through its normal handlers (the {@link EventApplier}:
 * validation, inbox, transaction), so replaying twice, or while the consumer runs, applies
 * each event once. A dead letter is deleted only after it was applied.
 */
export class DeadLetterReplayer {
  constructor(
    private readonly service: string,
    private readonly store: DeadLetterStore,
    private readonly applier: EventApplier,
    private readonly logger: Logger,
  ) {}

  async replay(): Promise<ReplayReport> {
    const report: ReplayReport = { service: this.service, total: 0, replayed: 0, skipped: 0, failed: [] };
    const letters = await this.store.list(this.service);
    report.total = letters.length;
    for (const letter of letters) {
      const parsed = this.applier.parse(letter.data);
      if (parsed.kind === 'invalid') {
        report.failed.push({ seq: letter.seq, eventId: letter.eventId, type: letter.type, reason: parsed.reason });
        continue;
      }
      try {
        if (parsed.kind === 'apply') await this.applier.applyOnce(parsed.event, parsed.registered);
        await this.store.remove(letter.seq);
        if (parsed.kind === 'apply') report.replayed++;
        else report.skipped++;
      } catch (error) {
        if (isInfrastructureError(error)) {
          report.interrupted = safeError(error).message;
          break;
        }
        report.failed.push({ seq: letter.seq, eventId: letter.eventId, type: letter.type, reason: safeError(error).message });
      }
    }
    this.logger.info({ ...report, failed: report.failed.length }, 'dead letters replayed');
    return report;
  }
}
