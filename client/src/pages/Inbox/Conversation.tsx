import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { AiContextPanel } from '../../components/conversation/AiContextPanel';
import { MessageThread } from '../../components/conversation/MessageThread';
import { useChatMessages } from '../../components/conversation/useChatMessages';
import { Badge, Button, EmptyState, Modal, Select, Skeleton, useToast } from '../../components/ui';
import { errorMessage } from '../../errorMessage';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { ChatStatus } from '../../gql/graphql';
import { formatTime, initials, PLATFORM_LABELS } from '../../lib/format';
import { STATUS_OPTIONS } from './inboxFilters';
import { ReplyBox } from './ReplyBox';

export const ConversationChat = graphql(`
  fragment Conversation_chat on Chat {
    id
    customerName
    customerId
    platform
    isTest
    mode
    handbackAt
    status
    needsAttention
    attentionReason
    ...ReplyBox_chat
    ...AiContextPanel_chat
  }
`);

export const InboxChatDocument = graphql(`
  query InboxChat($id: ObjectId!) {
    chat(id: $id) {
      id
      ...Conversation_chat
    }
  }
`);

// Both answer with what the conversation and the list row show, so both update at once.
export const InboxSetChatModeDocument = graphql(`
  mutation InboxSetChatMode($chatId: ObjectId!, $mode: ChatMode!) {
    setChatMode(chatId: $chatId, mode: $mode) {
      id
      ...Conversation_chat
      ...ChatRow_chat
      ...InboxFilters_chat
    }
  }
`);

export const InboxSetChatStatusDocument = graphql(`
  mutation InboxSetChatStatus($chatId: ObjectId!, $status: ChatStatus!) {
    setChatStatus(chatId: $chatId, status: $status) {
      id
      ...Conversation_chat
      ...ChatRow_chat
      ...InboxFilters_chat
    }
  }
`);

interface ConversationProps {
  chatId: string;
  /** Where "back" goes on phones (the list, with its filters). */
  backTo: string;
}

/** One chat: header with its controls, the live messages, the reply box, the AI context. */
export function Conversation({ chatId, backTo }: ConversationProps) {
  const { data, loading, error } = useQuery(InboxChatDocument, { variables: { id: chatId } });
  const chat = data?.chat;

  if (loading && !chat) {
    return (
      <div aria-busy="true" className="grid gap-3 p-4">
        <Skeleton className="h-10 w-1/2" />
        <Skeleton className="h-24 w-full rounded-2xl" />
        <Skeleton className="h-24 w-full rounded-2xl" />
      </div>
    );
  }
  if (!chat) {
    return (
      <EmptyState
        title="Chat not found"
        description={error ? errorMessage(error) : 'It may belong to someone else or be gone.'}
        action={
          <Link to={backTo} className="text-sm font-semibold text-indigo-700 hover:underline">
            Back to chats
          </Link>
        }
      />
    );
  }
  return <ChatView chat={chat} backTo={backTo} />;
}

function ChatView({
  backTo,
  ...props
}: {
  chat: FragmentType<typeof ConversationChat>;
  backTo: string;
}) {
  const chat = getFragmentData(ConversationChat, props.chat);
  const toast = useToast();
  const [details, setDetails] = useState(false);
  const thread = useChatMessages(chat.id);
  const [setMode, { loading: switching }] = useMutation(InboxSetChatModeDocument);
  const [setStatus, { loading: saving }] = useMutation(InboxSetChatStatusDocument);
  const name = chat.customerName || chat.customerId;

  const toggleMode = async () => {
    const mode = chat.mode === 'AI' ? 'HUMAN' : 'AI';
    try {
      await setMode({ variables: { chatId: chat.id, mode } });
      toast.success(mode === 'HUMAN' ? 'You are answering this chat.' : 'The AI answers again.');
    } catch (error) {
      toast.error(error);
    }
  };

  const changeStatus = async (status: ChatStatus) => {
    try {
      await setStatus({ variables: { chatId: chat.id, status } });
    } catch (error) {
      toast.error(error);
    }
  };

  return (
    <div className="flex h-full min-h-0">
      <section aria-label={`Conversation with ${name}`} className="flex min-w-0 flex-1 flex-col">
        {/* Two rows, whatever the width: the pane is narrow beside the list and the panel. */}
        <header className="grid gap-2 border-b border-slate-200/80 px-3 py-2.5 sm:px-4">
          <div className="flex min-w-0 items-center gap-3">
            <Link
              to={backTo}
              className="-ml-1 shrink-0 rounded-lg px-2 py-1 text-sm font-medium text-indigo-700 hover:bg-white/70 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none md:hidden"
            >
              <span aria-hidden="true">←</span> Chats
            </Link>
            <span
              aria-hidden="true"
              className="hidden h-9 w-9 shrink-0 place-items-center rounded-full bg-gradient-to-br from-indigo-100 to-fuchsia-100 text-sm font-bold text-indigo-800 sm:grid"
            >
              {initials(chat.customerName)}
            </span>
            <div className="min-w-0 flex-1">
              <h2 className="truncate text-base font-semibold text-slate-900">{name}</h2>
              <p className="flex flex-wrap items-center gap-1 text-xs text-slate-600">
                {PLATFORM_LABELS[chat.platform]}
                {chat.isTest && <Badge tone="neutral">Test</Badge>}
                <Badge tone={chat.mode === 'HUMAN' ? 'warning' : 'accent'}>
                  {chat.mode === 'HUMAN' ? 'You are answering' : 'AI answering'}
                </Badge>
                {chat.mode === 'HUMAN' && chat.handbackAt && (
                  <span>AI back at {formatTime(chat.handbackAt)}</span>
                )}
              </p>
            </div>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <Select
              label="Chat status"
              hideLabel
              wrapperClassName="w-36"
              className="py-1.5 pl-2.5 text-xs!"
              options={STATUS_OPTIONS.filter((option) => option.value)}
              value={chat.status}
              disabled={saving}
              onChange={(e) => void changeStatus(e.target.value as ChatStatus)}
            />
            <Button
              size="sm"
              variant={chat.mode === 'AI' ? 'primary' : 'secondary'}
              loading={switching}
              onClick={() => void toggleMode()}
            >
              {chat.mode === 'AI' ? 'Take over' : 'Hand back to AI'}
            </Button>
            <Button
              size="sm"
              variant="ghost"
              className="ml-auto xl:hidden"
              onClick={() => setDetails(true)}
            >
              AI context
            </Button>
          </div>
        </header>

        {chat.needsAttention && (
          <p className="border-b border-rose-200 bg-rose-50/90 px-4 py-2 text-sm text-rose-900">
            <span className="font-semibold">Needs attention</span>
            {chat.attentionReason ? `: ${chat.attentionReason}` : ''}
          </p>
        )}

        <MessageThread
          key={chat.id}
          className="flex-1"
          label={`Messages with ${name}`}
          messages={thread.messages}
          loading={thread.loading}
          hasMore={thread.hasMore}
          loadingOlder={thread.loadingOlder}
          onLoadOlder={() => void thread.loadOlder()}
          empty={<EmptyState title="No messages yet" />}
        />
        <ReplyBox chat={chat} />
      </section>

      <aside
        aria-label="AI context"
        tabIndex={0}
        className="hidden w-72 shrink-0 overflow-y-auto border-l border-slate-200/80 p-4 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none focus-visible:ring-inset xl:block"
      >
        <h2 className="mb-3 text-sm font-semibold text-slate-900">AI context</h2>
        <AiContextPanel chat={chat} />
      </aside>

      <Modal
        open={details}
        onClose={() => setDetails(false)}
        title={`AI context · ${name}`}
        size="lg"
      >
        <AiContextPanel chat={chat} />
      </Modal>
    </div>
  );
}
