import { Client } from '@opensearch-project/opensearch';
import type { SearchDocument, SearchDocumentType, SearchIndex, SearchIndexHit, SearchRequest, VisibilityFilter } from './search-index.port';
import { buildSearchBody, searchIndexSettings, toIndexedDocument } from './opensearch.query';
import { leadOf, toSafeSnippet } from './search-text';

export interface OpenSearchIndexOptions {
  url: string;
  index: string;
  /** Wait until a write is searchable before returning. */
  refreshOnWrite?: boolean;
}

interface Source {
  type: SearchDocumentType;
  id: string;
  communityId: string;
  title: string;
  body: string;
  conversationId?: string;
  conversationTitle?: string;
}
interface Hit {
  _id: string;
  _score: number | null;
  _source: Source;
  highlight?: Record<string, string[]>;
}

const statusOf = (error: unknown) => (error as { meta?: { statusCode?: number } })?.meta?.statusCode;

/**
 * OpenSearch behind the same port. Writes use external versioning on `updatedAt`, so a
 * redelivered or late event never replaces a newer document.
 */
export class OpenSearchIndex implements SearchIndex {
  readonly name = 'opensearch';
  private readonly client: Client;
  private ready?: Promise<void>;

  constructor(private readonly options: OpenSearchIndexOptions) {
    this.client = new Client({ node: options.url });
  }

  /** Creates the index with its Dutch analysis if it does not exist yet (idempotent, safe between replicas). */
  ensureIndex(): Promise<void> {
    this.ready ??= (async () => {
      const exists = await this.client.indices.exists({ index: this.options.index });
      if (exists.body) return this.addNewFields();
      try {
        await this.client.indices.create({ index: this.options.index, body: searchIndexSettings() as never });
      } catch (error) {
        if (!/resource_already_exists/.test(JSON.stringify((error as { meta?: { body?: unknown } })?.meta?.body ?? ''))) throw error;
      }
    })().catch((error) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  /** An index made by an older version gets the fields added since (the mapping is strict; adding a field is allowed). */
  private async addNewFields(): Promise<void> {
    await this.client.indices.putMapping({ index: this.options.index, body: { properties: searchIndexSettings().mappings.properties } as never });
  }

  async upsert(doc: SearchDocument): Promise<void> {
    await this.ensureIndex();
    try {
      await this.client.index({
        index: this.options.index,
        id: doc.id,
        body: toIndexedDocument(doc),
        version: doc.updatedAt.getTime(),
        version_type: 'external_gte',
        refresh: this.options.refreshOnWrite ? 'wait_for' : false,
      });
    } catch (error) {
      if (statusOf(error) === 409) return; // a newer version is already indexed
      throw error;
    }
  }

  async remove(id: string): Promise<void> {
    await this.ensureIndex();
    try {
      await this.client.delete({ index: this.options.index, id, refresh: this.options.refreshOnWrite ? 'wait_for' : false });
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }

  setConversationHidden(conversationId: string, hidden: boolean): Promise<void> {
    return this.updateConversationDocuments(conversationId, 'ctx._source.conversationHidden = params.value', hidden);
  }

  retitleConversation(conversationId: string, title: string): Promise<void> {
    return this.updateConversationDocuments(conversationId, 'ctx._source.conversationTitle = params.value', title);
  }

  /** Sets one field on every document of a conversation (its contributions and media links). */
  private async updateConversationDocuments(conversationId: string, source: string, value: unknown): Promise<void> {
    await this.ensureIndex();
    // Update by query works on a search snapshot: a reply written a moment ago must be in it too.
    await this.client.indices.refresh({ index: this.options.index });
    await this.client.updateByQuery({
      index: this.options.index,
      conflicts: 'proceed',
      refresh: Boolean(this.options.refreshOnWrite),
      body: { query: { term: { conversationId } }, script: { source, lang: 'painless', params: { value } } } as never,
    });
  }

  async search(request: SearchRequest, filter: VisibilityFilter): Promise<SearchIndexHit[]> {
    await this.ensureIndex();
    const response = await this.client.search({ index: this.options.index, body: buildSearchBody(request, filter) as never });
    const hits = (response.body as unknown as { hits: { hits: Hit[] } }).hits.hits;
    return hits.map((hit) => {
      const fragments = hit.highlight?.body ?? hit.highlight?.['body.folded'];
      const snippet = fragments?.join(' … ') || leadOf(hit._source.body) || hit._source.title;
      return {
        type: hit._source.type,
        id: hit._source.id,
        communityId: hit._source.communityId,
        title: hit._source.conversationTitle ?? hit._source.title,
        snippet: toSafeSnippet(snippet),
        score: hit._score ?? 0,
        ...(hit._source.conversationId ? { conversationId: hit._source.conversationId } : {}),
      };
    });
  }

  async check(): Promise<void> {
    await this.client.ping();
  }

  /** For tests: removes the index. */
  async dropIndex(): Promise<void> {
    await this.client.indices.delete({ index: this.options.index }).catch((error) => {
      if (statusOf(error) !== 404) throw error;
    });
    this.ready = undefined;
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
