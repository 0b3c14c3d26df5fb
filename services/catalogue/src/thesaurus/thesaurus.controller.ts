import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { BRINKMAN_ATTRIBUTION, SuggestBrinkmanTerms } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { ThesaurusService } from './thesaurus.service';

@Controller()
export class ThesaurusController {
  constructor(private readonly thesaurus: ThesaurusService) {}

  /** Public vocabulary: anyone may ask, signed in or not. */
  @Rpc(SuggestBrinkmanTerms)
  async suggestBrinkman(@Payload() { data }: RpcCall<typeof SuggestBrinkmanTerms>) {
    return { items: await this.thesaurus.suggest('brinkman', data.q, data.limit), attribution: BRINKMAN_ATTRIBUTION };
  }
}
