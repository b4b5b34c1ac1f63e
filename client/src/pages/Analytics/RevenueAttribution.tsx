import { skipToken, useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { Card, useToast } from '../../components/ui';
import { graphql } from '../../gql';
import type { AnalyticsRange } from '../../gql/graphql';
import { formatInt, formatMoney } from '../../lib/format';
import { AttributionTables } from './AttributionTables';

export const RevenueAttributionDocument = graphql(`
  query RevenueAttribution($range: AnalyticsRange!, $includeTests: Boolean!) {
    revenueAttribution(range: $range, includeTests: $includeTests) {
      total {
        conversions
        revenue
      }
      ...AttributionTables_attribution
    }
  }
`);

/** Which campaign, platform and ad brought the money, over the page's range (all campaigns). */
export function RevenueAttribution({
  range,
  includeTests,
}: {
  range: AnalyticsRange | null;
  includeTests: boolean;
}) {
  const toast = useToast();
  const { data, previousData, error } = useQuery(
    RevenueAttributionDocument,
    range ? { variables: { range, includeTests } } : skipToken,
  );
  useEffect(() => {
    if (error) toast.error(error);
  }, [error, toast]);

  const total = data?.revenueAttribution.total;
  return (
    <Card
      className="mt-6"
      title="Revenue attribution"
      description={
        total
          ? `${formatMoney(total.revenue)} from ${formatInt(total.conversions)} sales · all campaigns and platforms`
          : 'Which campaign, platform and ad brought the money'
      }
    >
      <AttributionTables data={data?.revenueAttribution ?? previousData?.revenueAttribution} />
    </Card>
  );
}
