import {
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';

/**
 * Parsed and validated documents by query text: the validation rules are the same for
 * every operation, so a query text seen before is neither parsed nor validated again, and
 * every subscriber of one query shares one document. Only valid, short documents are kept,
 * the least recently used evicted first.
 */
export class DocumentCache {
  private readonly documents = new Map<string, CachedDocument>();
  private nextId = 1;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly rules: readonly ValidationRule[],
    private readonly parseOptions: { maxTokens: number },
    private readonly maxEntries = 500,
    private readonly maxQueryLength = 10_000,
  ) {}

  /** The document, and `id` (unique to its text) when it is kept. */
  get(query: string): CachedDocument | { errors: readonly GraphQLError[] } {
    const cached = this.documents.get(query);
    if (cached) {
      this.documents.delete(query);
      this.documents.set(query, cached);
      return cached;
    }
    let document;
    try {
      document = parse(query, this.parseOptions);
    } catch (error) {
      return { errors: [withCode(toGraphQLError(error), 'GRAPHQL_PARSE_FAILED')] };
    }
    const errors = validate(this.schema, document, this.rules);
    if (errors.length > 0) {
      return { errors: errors.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED')) };
    }
    if (query.length > this.maxQueryLength) return { document };
    if (this.documents.size >= this.maxEntries) {
      this.documents.delete(this.documents.keys().next().value!);
    }
    const entry = { document, id: this.nextId++ };
    this.documents.set(query, entry);
    return entry;
  }
}

export interface CachedDocument {
  document: DocumentNode;
  id?: number;
}

export const toGraphQLError = (error: unknown): GraphQLError =>
  error instanceof GraphQLError
    ? error
    : new GraphQLError(error instanceof Error ? error.message : String(error), {
        originalError: error instanceof Error ? error : undefined,
      });

/** Tags parse and validation failures the way Apollo does over HTTP, unless already coded. */
export const withCode = (error: GraphQLError, code: string): GraphQLError =>
  error.extensions.code
    ? error
    : new GraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        originalError: error.originalError,
        extensions: { ...error.extensions, code },
      });
