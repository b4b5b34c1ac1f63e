import type { KnowledgeService } from '../knowledge/knowledge.service';

export class BusinessService {
  constructor(private readonly knowledge: KnowledgeService) {}
}
