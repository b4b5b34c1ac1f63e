import { Resolver } from 'type-graphql';
import { AnalyticsReadService } from './analyticsRead.service';
import { LeadService } from './lead.service';

@Resolver()
export class AnalyticsResolver {
  constructor(
    private readonly reads: AnalyticsReadService,
    private readonly leads: LeadService,
  ) {}
}
