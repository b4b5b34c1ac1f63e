import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { Badge, Button, Card, Input, TextArea, useToast } from '../../components/ui';
import { getFragmentData, graphql } from '../../gql';
import type { CampaignTests_TestFragment } from '../../gql/graphql';
import { formatDateTime, formatMoney } from '../../lib/format';

export const CampaignTestsTest = graphql(`
  fragment CampaignTests_test on CampaignTest {
    id
    name
    lines
    generated
    expect {
      converted
      orderValue
      qualified
      objection
      handsOff
      mentions
      notMentions
    }
    lastRun {
      at
      passed
      failure
      transcript {
        sender
        content
      }
    }
  }
`);

export const CampaignTestsDocument = graphql(`
  query CampaignTests($campaignId: ObjectId!) {
    campaignTests(campaignId: $campaignId) {
      id
      ...CampaignTests_test
    }
    campaign(id: $campaignId) {
      id
      testSummary {
        running
      }
    }
  }
`);

const GenerateDocument = graphql(`
  mutation GenerateCampaignTests($campaignId: ObjectId!) {
    generateCampaignTests(campaignId: $campaignId) {
      id
      ...CampaignTests_test
    }
  }
`);

const RunDocument = graphql(`
  mutation RunCampaignTests($campaignId: ObjectId!) {
    runCampaignTests(campaignId: $campaignId) {
      id
      ...CampaignTests_test
    }
  }
`);

const CreateDocument = graphql(`
  mutation CreateCampaignTest($campaignId: ObjectId!, $input: CampaignTestInput!) {
    createCampaignTest(campaignId: $campaignId, input: $input) {
      id
      ...CampaignTests_test
    }
  }
`);

const DeleteDocument = graphql(`
  mutation DeleteCampaignTest($id: ObjectId!) {
    deleteCampaignTest(id: $id)
  }
`);

type Test = CampaignTests_TestFragment;

/** "ends with a sale of $340.20; mentions 'free returns'" */
function expectations(test: Test): string {
  const e = test.expect;
  const parts: string[] = [];
  if (e.orderValue !== null && e.orderValue !== undefined)
    parts.push(`a sale of ${formatMoney(e.orderValue)}`);
  else if (e.converted === true) parts.push('a sale');
  else if (e.converted === false) parts.push('no sale');
  if (e.qualified) parts.push('qualified');
  if (e.objection) parts.push(`the objection "${e.objection}" recognised`);
  if (e.handsOff === true) parts.push('handed to a person');
  for (const word of e.mentions) parts.push(`mentions "${word}"`);
  for (const word of e.notMentions) parts.push(`never "${word}"`);
  return parts.join('; ') || 'no expectations';
}

const SPEAKER: Record<string, string> = { customer: 'Customer', ai: 'AI', business: 'You' };

/**
 * The campaign's test conversations: generated from the playbook or written by the owner,
 * played through the real pipeline, each with its verdict and transcript.
 */
export function CampaignTests({ campaignId }: { campaignId: string }) {
  const toast = useToast();
  const variables = { campaignId };
  const { data, loading, refetch, startPolling, stopPolling } = useQuery(CampaignTestsDocument, {
    variables,
  });
  // A run plays in the background on the server: the verdicts arrive as it goes.
  const running = data?.campaign?.testSummary.running ?? false;
  useEffect(() => {
    if (running) startPolling(1000);
    else stopPolling();
    return () => stopPolling();
  }, [running, startPolling, stopPolling]);
  const [generate, { loading: generating }] = useMutation(GenerateDocument);
  const [run, { loading: starting }] = useMutation(RunDocument);
  const [create, { loading: creating }] = useMutation(CreateDocument);
  const [remove] = useMutation(DeleteDocument);
  const [draft, setDraft] = useState({ name: '', lines: '', orderValue: '', mentions: '' });
  const [adding, setAdding] = useState(false);
  const tests = (data?.campaignTests ?? []).map((test) => getFragmentData(CampaignTestsTest, test));
  const ran = tests.filter((test) => test.lastRun);
  const passed = ran.filter((test) => test.lastRun?.passed).length;

  const act = async (what: () => Promise<unknown>, done: string) => {
    try {
      await what();
      await refetch();
      toast.success(done);
    } catch (error) {
      toast.error(error);
    }
  };

  async function add(event: FormEvent) {
    event.preventDefault();
    const lines = draft.lines
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const value = draft.orderValue.trim() ? Number(draft.orderValue.replace(',', '.')) : undefined;
    await act(
      () =>
        create({
          variables: {
            campaignId,
            input: {
              name: draft.name.trim(),
              lines,
              expect: {
                ...(value !== undefined ? { converted: true, orderValue: value } : {}),
                mentions: draft.mentions
                  .split(',')
                  .map((w) => w.trim())
                  .filter(Boolean),
              },
            },
          },
        }),
      'Test added.',
    );
    setDraft({ name: '', lines: '', orderValue: '', mentions: '' });
    setAdding(false);
  }

  return (
    <Card
      title="Tests"
      description="Saved test conversations, played through the real pipeline. They run again by themselves after the campaign, a product or the knowledge base changes."
    >
      <div className="grid gap-4">
        <div className="flex flex-wrap items-center gap-2">
          <p className="mr-auto text-sm font-semibold text-slate-900" aria-live="polite">
            {tests.length === 0
              ? 'No tests yet'
              : running
                ? 'Running the tests…'
                : ran.length === 0
                  ? `${tests.length} tests, not run yet`
                  : `${passed} of ${tests.length} tests pass`}
          </p>
          <Button
            size="sm"
            variant="secondary"
            loading={generating}
            onClick={() => void act(() => generate({ variables }), 'Tests made from the playbook.')}
          >
            Generate tests
          </Button>
          <Button
            size="sm"
            loading={starting || running}
            disabled={tests.length === 0}
            onClick={() => void act(() => run({ variables }), 'The tests are running.')}
          >
            Run tests
          </Button>
        </div>
        {loading && !data ? null : (
          <ul className="grid gap-2" aria-label="Campaign tests">
            {tests.map((test) => (
              <li key={test.id} className="rounded-xl border border-slate-200 p-3 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium text-slate-900">{test.name}</span>
                  {test.lastRun ? (
                    <Badge tone={test.lastRun.passed ? 'success' : 'danger'}>
                      {test.lastRun.passed ? 'Passed' : 'Failed'}
                    </Badge>
                  ) : (
                    <Badge>Not run</Badge>
                  )}
                  <Button
                    size="sm"
                    variant="ghost"
                    className="ml-auto"
                    aria-label={`Delete the test ${test.name}`}
                    onClick={() =>
                      void act(() => remove({ variables: { id: test.id } }), 'Test deleted.')
                    }
                  >
                    Delete
                  </Button>
                </div>
                <p className="mt-1 text-slate-600">Expects {expectations(test)}.</p>
                {test.lastRun?.failure && (
                  <p className="mt-1 text-rose-800">Not met: {test.lastRun.failure}</p>
                )}
                {test.lastRun && (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-slate-700">
                      Transcript · {formatDateTime(test.lastRun.at)}
                    </summary>
                    <ol className="mt-1 grid gap-1">
                      {test.lastRun.transcript.map((turn, index) => (
                        <li key={index}>
                          <span className="font-medium">
                            {SPEAKER[turn.sender] ?? turn.sender}:
                          </span>{' '}
                          {turn.content}
                        </li>
                      ))}
                    </ol>
                  </details>
                )}
              </li>
            ))}
          </ul>
        )}
        {adding ? (
          <form className="grid gap-3" noValidate onSubmit={(e) => void add(e)}>
            <Input
              label="Test name"
              required
              value={draft.name}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            />
            <TextArea
              label="The customer says"
              hint="One message a line, up to 10."
              rows={3}
              value={draft.lines}
              onChange={(e) => setDraft({ ...draft, lines: e.target.value })}
            />
            <Input
              label="Ends with a sale of"
              inputMode="decimal"
              placeholder="Leave empty to not check"
              value={draft.orderValue}
              onChange={(e) => setDraft({ ...draft, orderValue: e.target.value })}
            />
            <Input
              label="The AI must mention"
              hint="Comma separated."
              value={draft.mentions}
              onChange={(e) => setDraft({ ...draft, mentions: e.target.value })}
            />
            <div className="flex justify-end gap-2">
              <Button variant="secondary" size="sm" onClick={() => setAdding(false)}>
                Cancel
              </Button>
              <Button type="submit" size="sm" loading={creating}>
                Add test
              </Button>
            </div>
          </form>
        ) : (
          <div>
            <Button variant="secondary" size="sm" onClick={() => setAdding(true)}>
              Add a test
            </Button>
          </div>
        )}
      </div>
    </Card>
  );
}
