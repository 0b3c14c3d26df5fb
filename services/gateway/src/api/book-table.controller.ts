import { Controller } from '@nestjs/common';
import { Id, type RequestMeta } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { BookTable, loadBookTable } from '../book-table/book-table';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';

@Controller()
export class BookTableController {
  constructor(private readonly rpc: RpcClient) {}

  @Route({
    method: 'GET', path: 'activities/:id/book-table', params: { id: Id }, response: BookTable, auth: 'optional',
    summary: 'De boekentafel bij een activiteit: titels die de community aan haar gesprekken toevoegde, en wat de collectie van de regio het best bij de activiteit vindt, elk met een reden',
  })
  get(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta) {
    return loadBookTable(this.rpc, meta, params.id);
  }
}
