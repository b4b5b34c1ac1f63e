import { Resolver } from 'type-graphql';
import { BusinessService } from './business.service';

@Resolver()
export class BusinessResolver {
  constructor(private readonly business: BusinessService) {}
}
