export class KnowledgeService {}
