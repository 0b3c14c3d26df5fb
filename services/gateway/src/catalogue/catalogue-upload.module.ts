import { Module } from '@nestjs/common';
import { CatalogueUploadService } from './catalogue-upload.service';

/** The catalogue upload into the object store, shared by the API route and the web UI's Catalogus page. */
@Module({ providers: [CatalogueUploadService], exports: [CatalogueUploadService] })
export class CatalogueUploadModule {}
