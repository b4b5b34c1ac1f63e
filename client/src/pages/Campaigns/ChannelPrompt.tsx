import { Link } from 'react-router-dom';
import { Button, buttonClasses, Modal } from '../../components/ui';
import { graphql } from '../../gql';

/** Whether any channel is connected, asked again when a campaign goes live. */
export const ConnectedChannelsDocument = graphql(`
  query ConnectedChannels {
    integrations {
      id
      status
    }
  }
`);

/**
 * A campaign just went live with no channel connected: nothing will reach it yet. Offers
 * the two ways on: connecting Messenger, Instagram or WhatsApp, or trying it as a customer.
 */
export function ChannelPrompt(props: { open: boolean; onClose: () => void; onTry: () => void }) {
  return (
    <Modal
      open={props.open}
      onClose={props.onClose}
      title="Your campaign is live: now connect a channel"
      description="No customer can reach it yet: Messenger, Instagram and WhatsApp are not connected. Connect one, or try the campaign as a customer first."
      footer={
        <>
          <Button
            variant="secondary"
            onClick={() => {
              props.onClose();
              props.onTry();
            }}
          >
            Try it in the simulator
          </Button>
          <Link to="/integrations" className={buttonClasses('primary')}>
            Connect a channel
          </Link>
        </>
      }
    />
  );
}
