import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { ImportJobData } from '../queue/queues';
import { RequeueJob, type JobHandler } from '../queue/job-worker';
import { ImportInterrupted, ImportRunner } from './import-runner';

/** `catalogue-import` jobs: one per import (job id = import id). */
@Injectable()
export class ImportProcessor implements JobHandler<ImportJobData> {
  constructor(private readonly runner: ImportRunner) {}

  async process(data: ImportJobData, _job: Job<ImportJobData>): Promise<void> {
    try {
      await this.runner.run(data.importId);
    } catch (error) {
      if (error instanceof ImportInterrupted) throw new RequeueJob(error.message);
      throw error;
    }
  }

  async onFailure(data: ImportJobData, error: Error, final: boolean): Promise<void> {
    if (final) await this.runner.markFailed(data.importId, error.message);
    else await this.runner.recordAttemptError(data.importId, error.message);
  }

  stop(): void {
    this.runner.requestStop();
  }
}
