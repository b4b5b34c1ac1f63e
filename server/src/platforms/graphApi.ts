/** Meta Graph API client (being written). */
export class GraphApiClient {
  constructor(readonly options: { baseUrl: string }) {}
}
