import { Module } from '@nestjs/common';
import { ThesaurusController } from './thesaurus.controller';
import { ThesaurusLoader } from './thesaurus.loader';
import { ThesaurusService } from './thesaurus.service';

/** The vocabularies the catalogue owns (ADR 0041): loaded at start, offered as someone types. */
@Module({ controllers: [ThesaurusController], providers: [ThesaurusLoader, ThesaurusService], exports: [ThesaurusLoader] })
export class ThesaurusModule {}
