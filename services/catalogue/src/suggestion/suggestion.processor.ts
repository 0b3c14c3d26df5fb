import { Injectable } from '@nestjs/common';
import type { SuggestJobData } from '../queue/queues';
import type { JobHandler } from '../queue/job-worker';
import { SuggestionService } from './suggestion.service';

/** `catalogue-suggest` jobs: one per conversation revision (job id `suggest:<conversationId>:<revision>`). */
@Injectable()
export class SuggestionProcessor implements JobHandler<SuggestJobData> {
  constructor(private readonly suggestions: SuggestionService) {}

  process(data: SuggestJobData): Promise<void> {
    return this.suggestions.compute(data.conversationId, data.revision);
  }

  onFailure(data: SuggestJobData, error: Error, final: boolean): Promise<void> {
    return this.suggestions.recordFailure(data.conversationId, data.revision, error.message, final);
  }
}
