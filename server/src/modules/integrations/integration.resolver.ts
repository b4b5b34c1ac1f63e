import { Resolver } from 'type-graphql';
import { IntegrationService } from './integration.service';

@Resolver()
export class IntegrationResolver {
  constructor(private readonly integrations: IntegrationService) {}
}
