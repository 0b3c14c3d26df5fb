import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DismissReport, HideContent, ListReports, ReportContent, RestoreContent } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { ModerationService } from './moderation.service';
import { ReportService } from './report.service';

@Controller()
export class ReportController {
  constructor(
    private readonly reports: ReportService,
    private readonly moderation: ModerationService,
  ) {}

  @Rpc(ReportContent)
  report(@Payload() { data, ctx }: RpcCall<typeof ReportContent>) {
    return this.reports.report(ctx, data);
  }

  @Rpc(ListReports)
  list(@Payload() { data, ctx }: RpcCall<typeof ListReports>) {
    return this.reports.list(ctx, data.communityId);
  }

  @Rpc(DismissReport)
  dismiss(@Payload() { data, ctx }: RpcCall<typeof DismissReport>) {
    return this.reports.dismiss(ctx, data.reportId);
  }

  @Rpc(HideContent)
  hide(@Payload() { data, ctx }: RpcCall<typeof HideContent>) {
    return this.moderation.hide(ctx, data);
  }

  @Rpc(RestoreContent)
  restore(@Payload() { data, ctx }: RpcCall<typeof RestoreContent>) {
    return this.moderation.restore(ctx, data);
  }
}
