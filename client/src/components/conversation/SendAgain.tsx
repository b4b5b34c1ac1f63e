import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { graphql } from '../../gql';
import type { DeliveryStatus } from '../../gql/graphql';
import { Button, ConfirmDialog, useToast } from '../ui';

// The message comes back with its new delivery state: the normalized cache updates its bubble.
export const ResendMessageDocument = graphql(`
  mutation ResendMessage($messageId: ObjectId!) {
    resendMessage(messageId: $messageId) {
      ...MessageCache_message
    }
  }
`);

/**
 * "Send again" for one of our messages that failed or is not confirmed. A message not
 * confirmed may have reached the customer, so the owner is asked to check first.
 */
export function SendAgain({ messageId, status }: { messageId: string; status: DeliveryStatus }) {
  const toast = useToast();
  const [asking, setAsking] = useState(false);
  const [resend, { loading }] = useMutation(ResendMessageDocument);
  const send = async () => {
    try {
      await resend({ variables: { messageId } });
      setAsking(false);
    } catch (error) {
      toast.error(error);
    }
  };
  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        className="ml-1"
        loading={loading && !asking}
        onClick={() => (status === 'UNCONFIRMED' ? setAsking(true) : void send())}
      >
        Send again
      </Button>
      <ConfirmDialog
        open={asking}
        title="Send this message again?"
        message="It may have reached the customer already. Check the conversation on the platform first, or they may get it twice."
        confirmLabel="Send again"
        loading={loading}
        onConfirm={() => void send()}
        onCancel={() => setAsking(false)}
      />
    </>
  );
}
