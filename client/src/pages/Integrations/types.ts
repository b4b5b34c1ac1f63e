export type { IntegrationFieldsFragment } from '../../gql/graphql';
export type { MetaPlatform } from './platforms';
