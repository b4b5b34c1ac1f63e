/**
 * The page's lists, by operation name: what a delete, a restore, an import or "Refresh"
 * refetches. Names, not documents, so a panel need not import its siblings' queries.
 */
export const DBMS_LISTS = ['DbmsStatsOverview', 'DbmsDocumentList', 'DbmsTrashList'];
