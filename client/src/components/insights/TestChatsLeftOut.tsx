import type { ReactNode } from 'react';
import { Button } from '../ui/Button';
import { EmptyState } from '../ui/EmptyState';

/**
 * An empty card while the owner's test chats are left out: says so and offers to count
 * them, instead of asking for the test chat that was just made.
 */
export function TestChatsLeftOut(props: {
  title: string;
  testChats: number;
  onInclude: () => void;
  icon?: ReactNode;
}) {
  const chats = `${props.testChats} test chat${props.testChats === 1 ? '' : 's'}`;
  return (
    <EmptyState
      icon={props.icon}
      title={props.title}
      description={`Only real customers count here: your ${chats} from the simulator ${props.testChats === 1 ? 'is' : 'are'} left out.`}
      action={
        <Button variant="secondary" size="sm" onClick={props.onInclude}>
          Include test chats
        </Button>
      }
    />
  );
}
