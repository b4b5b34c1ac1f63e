import type { Types } from 'mongoose';
import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../auth/context';
import { scopeOf } from '../../auth/ownership';
import { ObjectIdScalar } from '../../graphql/objectId.scalar';
import { PageArgs, type Page } from '../../graphql/pagination';
import { DbmsService } from './dbms.service';
import { DbmsDocument, DbmsDocumentPage, DbmsDocumentsArgs, DbmsStats } from './dbms.types';
import type { DocumentView } from './documentView';
import { DbmsHealth } from './health.types';
import { CLEAR_ALL_CONFIRMATION } from './trash.service';
import {
  DbmsAuditEntry,
  DbmsAuditPage,
  DbmsRestoreResult,
  DbmsTrashEntry,
  DbmsTrashPage,
  DbmsTrashResult,
} from './trash.types';

const userIdArg = {
  nullable: true,
  description: "Admins only: this user's data (others naming someone else: FORBIDDEN)",
} as const;

/** Thin: the caller's scope plus the arguments go to the DbmsService parts. */
@Resolver()
export class DbmsResolver {
  constructor(private readonly dbmsService: DbmsService) {}

  @Authorized()
  @Query(() => DbmsStats, {
    description: 'Per collection the documents you may see; admins also storage and indexes',
  })
  dbmsStats(
    @Arg('userId', () => ObjectIdScalar, userIdArg) userId: Types.ObjectId | null,
    @Ctx() ctx: RequestContext,
  ): Promise<DbmsStats> {
    return this.dbmsService.documents.stats(scopeOf(ctx, userId));
  }

  @Authorized()
  @Query(() => DbmsDocumentPage, { description: 'Documents you may see, redacted, newest first' })
  dbmsDocuments(
    @Args() args: DbmsDocumentsArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<DocumentView>> {
    return this.dbmsService.documents.list(
      scopeOf(ctx, args.userId),
      args.collection,
      { search: args.search, sort: args.sort },
      args,
    );
  }

  @Authorized()
  @Query(() => DbmsDocument, { description: 'NOT_FOUND unless you may see it' })
  dbmsDocument(
    @Arg('collection') collection: string,
    @Arg('id', () => ObjectIdScalar) id: Types.ObjectId,
    @Arg('userId', () => ObjectIdScalar, userIdArg) userId: Types.ObjectId | null,
    @Ctx() ctx: RequestContext,
  ): Promise<DocumentView> {
    return this.dbmsService.documents.get(scopeOf(ctx, userId), collection, id);
  }

  @Authorized()
  @Mutation(() => DbmsTrashResult, {
    description:
      'Moves a document and its cascade (a chat takes its messages) to the trash for 7 days. ' +
      'users: admins only (FORBIDDEN for others)',
  })
  dbmsDeleteDocument(
    @Arg('collection') collection: string,
    @Arg('id', () => ObjectIdScalar) id: Types.ObjectId,
    @Ctx() ctx: RequestContext,
  ): Promise<DbmsTrashResult> {
    return this.dbmsService.trash.deleteDocument(scopeOf(ctx), collection, id);
  }

  @Authorized()
  @Mutation(() => DbmsRestoreResult, {
    description: 'Re-inserts a trash entry; documents that exist again are skipped',
  })
  dbmsRestoreDocument(
    @Arg('trashId', () => ObjectIdScalar) trashId: Types.ObjectId,
    @Ctx() ctx: RequestContext,
  ): Promise<DbmsRestoreResult> {
    return this.dbmsService.trash.restore(scopeOf(ctx), trashId);
  }

  @Authorized()
  @Query(() => DbmsTrashPage, { description: 'Restorable deletions, newest first' })
  dbmsTrash(
    @Args() page: PageArgs,
    @Arg('userId', () => ObjectIdScalar, userIdArg) userId: Types.ObjectId | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<DbmsTrashEntry>> {
    return this.dbmsService.trash.list(scopeOf(ctx, userId), page);
  }

  @Authorized()
  @Mutation(() => DbmsTrashResult, {
    description:
      `Moves all your campaigns, chats, messages, analytics, adstats, integrations and ` +
      `inbound events to the trash (7 days). confirm must be exactly "${CLEAR_ALL_CONFIRMATION}"`,
  })
  dbmsClearAll(
    @Arg('confirm') confirm: string,
    @Arg('userId', () => ObjectIdScalar, {
      nullable: true,
      description: "Admins only: clear this user's data instead of your own",
    })
    userId: Types.ObjectId | null,
    @Ctx() ctx: RequestContext,
  ): Promise<DbmsTrashResult> {
    return this.dbmsService.trash.clearAll(scopeOf(ctx, userId), confirm);
  }

  @Authorized()
  @Query(() => DbmsHealth, {
    description: 'Connection state and ping for everyone; details for admins only',
  })
  dbmsHealth(@Ctx() ctx: RequestContext): Promise<DbmsHealth> {
    return this.dbmsService.health.health(scopeOf(ctx));
  }

  @Authorized()
  @Query(() => DbmsAuditPage, {
    description: 'Deletes, restores, clears, imports and exports of your data, newest first',
  })
  dbmsAuditLog(
    @Args() page: PageArgs,
    @Arg('userId', () => ObjectIdScalar, userIdArg) userId: Types.ObjectId | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<DbmsAuditEntry>> {
    return this.dbmsService.auditLog.list(scopeOf(ctx, userId), page);
  }
}
