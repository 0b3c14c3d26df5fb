import { Controller } from '@nestjs/common';
import { Empty, GetDataExport, Id, ListDataExports, RequestDataExport, type RequestMeta } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';

/** Everything every service holds about me, as one document (GDPR art. 15 and 20). */
@Controller()
export class DataExportController {
  constructor(private readonly rpc: RpcClient) {}

  @Route({
    method: 'POST', path: 'me/export', contract: RequestDataExport, body: Empty, status: 202, auth: 'required',
    summary: 'Vraag al je gegevens op: één document met wat elke dienst over je bewaart, binnen een minuut klaar',
  })
  request(@Meta() meta: RequestMeta) {
    return this.rpc.send(RequestDataExport, {}, meta);
  }

  @Route({ method: 'GET', path: 'me/export', contract: ListDataExports, auth: 'required', summary: 'Je gegevensexports van de laatste week, nieuwste eerst' })
  list(@Meta() meta: RequestMeta) {
    return this.rpc.send(ListDataExports, {}, meta);
  }

  @Route({
    method: 'GET', path: 'me/export/:id', contract: GetDataExport, params: { id: Id }, auth: 'required',
    summary: 'Eén gegevensexport van jezelf; als die klaar is met het hele document',
  })
  get(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(GetDataExport, { id: params.id }, meta);
  }
}
