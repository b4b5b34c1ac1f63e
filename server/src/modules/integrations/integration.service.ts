import type { GraphApiClient } from '../../platforms/graphApi';

/** Integration logic (being written). */
export class IntegrationService {
  constructor(
    private readonly options: { secretsKey: Buffer },
    private readonly graphApi: GraphApiClient,
  ) {}
}
