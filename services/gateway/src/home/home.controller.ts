import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { renderHomePage } from './home.page';

const page = renderHomePage({ docsUrl: '/api/docs', openApiUrl: '/api/docs-json', healthUrl: '/health' });

@ApiExcludeController()
@SkipThrottle({ default: true, auth: true })
@Controller()
export class HomeController {
  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  home(): string {
    return page;
  }
}
