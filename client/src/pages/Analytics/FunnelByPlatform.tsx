import { Card, Table } from '../../components/ui';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { formatInt, formatPercent, PLATFORM_LABELS } from '../../lib/format';

export const FunnelByPlatformFunnel = graphql(`
  fragment FunnelByPlatform_funnel on Funnel {
    byPlatform {
      platform
      steps {
        stage
        count
        rateFromStart
      }
    }
  }
`);

const STAGES = ['CONVERSATIONS', 'ENGAGED', 'QUALIFIED', 'CONVERTED'] as const;

/** Each platform's funnel in a row; nothing at all while no platform has conversations. */
export function FunnelByPlatform(props: { funnel: FragmentType<typeof FunnelByPlatformFunnel> }) {
  const { byPlatform } = getFragmentData(FunnelByPlatformFunnel, props.funnel);
  if (byPlatform.length === 0) return null;
  return (
    <Card className="mt-6" title="Funnel by platform" flush>
      <Table
        caption="Funnel by platform"
        rows={byPlatform}
        rowKey={(r) => r.platform}
        columns={[
          { key: 'platform', header: 'Platform', render: (r) => PLATFORM_LABELS[r.platform] },
          ...STAGES.map((stage) => ({
            key: stage,
            header: stage.charAt(0) + stage.slice(1).toLowerCase(),
            align: 'right' as const,
            render: (r: (typeof byPlatform)[number]) => {
              const step = r.steps.find((s) => s.stage === stage);
              if (!step) return '—';
              return stage === 'CONVERSATIONS'
                ? formatInt(step.count)
                : `${formatInt(step.count)} (${formatPercent(step.rateFromStart)})`;
            },
          })),
        ]}
      />
    </Card>
  );
}
