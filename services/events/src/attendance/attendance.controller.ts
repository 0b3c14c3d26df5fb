import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AttendanceFigures, CheckIn, GetCheckInCode, RecordAttendance } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { AttendanceService } from './attendance.service';

@Controller()
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  @Rpc(RecordAttendance)
  record(@Payload() { data, ctx, meta }: RpcCall<typeof RecordAttendance>) {
    return this.attendance.record(ctx, meta, data);
  }

  @Rpc(GetCheckInCode)
  code(@Payload() { data, ctx, meta }: RpcCall<typeof GetCheckInCode>) {
    return this.attendance.code(ctx, meta, data.activityId, data.occurrenceStart);
  }

  @Rpc(CheckIn)
  checkIn(@Payload() { data, ctx, meta }: RpcCall<typeof CheckIn>) {
    return this.attendance.checkIn(ctx, meta, data);
  }

  @Rpc(AttendanceFigures)
  figures(@Payload() { data, ctx, meta }: RpcCall<typeof AttendanceFigures>) {
    return this.attendance.figures(ctx, meta, data.activityId, data.occurrenceStart);
  }
}
