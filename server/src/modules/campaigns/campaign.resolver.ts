import { Resolver } from 'type-graphql';
import { CampaignService } from './campaign.service';

@Resolver()
export class CampaignResolver {
  constructor(private readonly campaigns: CampaignService) {}
}
