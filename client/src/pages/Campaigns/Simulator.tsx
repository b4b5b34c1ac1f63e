import { skipToken, useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { AiContextPanel } from '../../components/conversation/AiContextPanel';
import {
  appendMessages,
  hasConversation,
  writeWholeConversation,
  type CachedMessage,
} from '../../components/conversation/messageCache';
import { MessageThread } from '../../components/conversation/MessageThread';
import { TypingBubble } from '../../components/conversation/TypingBubble';
import { useChatMessages } from '../../components/conversation/useChatMessages';
import { Button, Card, EmptyState, Input, MessageIcon, useToast } from '../../components/ui';
import { graphql } from '../../gql';

export const SimulateCustomerMessageDocument = graphql(`
  mutation SimulateCustomerMessage($input: SimulateCustomerMessageInput!) {
    simulateCustomerMessage(input: $input) {
      silentReason
      chat {
        id
        messageCount
        ...AiContextPanel_chat
      }
      customerMessage {
        ...MessageCache_message
      }
      reply {
        ...MessageCache_message
      }
    }
  }
`);

export const SimulatorChatDocument = graphql(`
  query SimulatorChat($id: ObjectId!) {
    chat(id: $id) {
      id
      ...AiContextPanel_chat
    }
  }
`);

// The payload lands in the normalized cache, so the state panel follows the chat live
// (a takeover from the inbox, a status change, the score).
export const SimulatorChatUpdatedDocument = graphql(`
  subscription SimulatorChatUpdated {
    chatUpdated {
      id
      ...AiContextPanel_chat
    }
  }
`);

const MAX_TEXT = 5000;

let testerCount = 1;
const nextTesterName = () => `Test customer ${++testerCount}`;

/**
 * Chat with the campaign as a customer: the message goes through the real pipeline
 * (SIMULATOR platform), and the AI's reply and the chat's state show up as they change.
 */
export function Simulator({ campaignId }: { campaignId: string }) {
  const toast = useToast();
  const [customerName, setCustomerName] = useState('Test customer');
  const [chatId, setChatId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [pending, setPending] = useState<string | null>(null);
  const [silentReason, setSilentReason] = useState<string | null>(null);

  const [simulate] = useMutation(SimulateCustomerMessageDocument);
  const thread = useChatMessages(chatId);
  const { data: chatData } = useQuery(
    SimulatorChatDocument,
    chatId ? { variables: { id: chatId } } : skipToken,
  );
  useSubscription(SimulatorChatUpdatedDocument, chatId ? {} : skipToken);
  const chat = chatData?.chat;

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const message = text.trim();
    const name = customerName.trim();
    if (!message || !name) return;
    setPending(message);
    setText('');
    setSilentReason(null);
    try {
      const { data } = await simulate({
        variables: { input: { campaignId, customerName: name, text: message } },
        update: (cache, { data: result }) => {
          const outcome = result?.simulateCustomerMessage;
          if (!outcome) return;
          const fresh = [outcome.customerMessage, outcome.reply].filter(
            (message): message is CachedMessage => !!message,
          );
          if (
            !hasConversation(cache, outcome.chat.id) &&
            outcome.chat.messageCount <= fresh.length
          ) {
            // A new test chat: these are all its messages, so show them without a fetch.
            writeWholeConversation(cache, outcome.chat.id, fresh);
          } else {
            appendMessages(cache, outcome.chat.id, fresh);
          }
          cache.writeQuery({
            query: SimulatorChatDocument,
            variables: { id: outcome.chat.id },
            data: { chat: outcome.chat },
          });
        },
      });
      const outcome = data?.simulateCustomerMessage;
      if (outcome) {
        setChatId(outcome.chat.id);
        setSilentReason(outcome.reply ? null : (outcome.silentReason ?? 'The AI did not answer.'));
      }
    } catch (error) {
      setText(message);
      toast.error(error);
    } finally {
      setPending(null);
    }
  };

  const startOver = () => {
    setCustomerName(nextTesterName());
    setChatId(null);
    setSilentReason(null);
  };

  return (
    <Card
      title="Simulator"
      description="Chat with this campaign as a customer would. Test chats appear in the inbox but stay out of the campaign's numbers."
      actions={
        <Button variant="secondary" size="sm" onClick={startOver}>
          New conversation
        </Button>
      }
      flush
    >
      <div className="grid gap-3 px-5 pb-5">
        <Input
          label="Customer name"
          hint="The same name continues its conversation; a new name starts another."
          value={customerName}
          maxLength={100}
          onChange={(e) => {
            setCustomerName(e.target.value);
            setChatId(null);
          }}
        />
        {/* Shorter on phones: the box to type in stays on screen with the thread. */}
        <div className="flex h-[15rem] flex-col overflow-hidden rounded-2xl bg-slate-50/80 ring-1 ring-slate-200 sm:h-[22rem]">
          <MessageThread
            className="flex-1"
            label={`Test conversation with ${customerName}`}
            messages={thread.messages}
            loading={thread.loading}
            hasMore={thread.hasMore}
            loadingOlder={thread.loadingOlder}
            onLoadOlder={() => void thread.loadOlder()}
            empty={
              <EmptyState
                icon={<MessageIcon className="h-6 w-6" />}
                title="Say hello as a customer"
                description="Ask about the product, raise an objection, agree to buy: watch the lead score and the answers change."
              />
            }
            footer={
              pending ? (
                <>
                  <div className="mt-2 flex justify-start">
                    <p className="max-w-[85%] rounded-2xl rounded-bl-md bg-white px-3.5 py-2 text-sm text-slate-700 ring-1 ring-slate-200">
                      {pending}
                    </p>
                  </div>
                  <TypingBubble who="The AI" />
                </>
              ) : silentReason ? (
                <p role="status" className="mt-3 text-center text-xs text-slate-600">
                  No reply: {silentReason}
                </p>
              ) : undefined
            }
          />
          <form
            onSubmit={send}
            className="flex items-end gap-2 border-t border-slate-200 bg-white/80 p-2"
          >
            <Input
              id="simulator-message"
              label="Message as the customer"
              hideLabel
              wrapperClassName="flex-1"
              placeholder="Hi, how much is it?"
              value={text}
              maxLength={MAX_TEXT}
              onChange={(e) => setText(e.target.value)}
            />
            <Button
              type="submit"
              loading={pending !== null}
              disabled={!text.trim() || !customerName.trim()}
            >
              Send
            </Button>
          </form>
        </div>
      </div>

      <div className="border-t border-slate-200/80 px-5 py-4">
        <div className="mb-3 flex items-center justify-between gap-2">
          <h3 className="text-sm font-semibold text-slate-900">Chat state</h3>
          {chat && (
            <Link
              to={`/inbox/${chat.id}`}
              className="rounded text-sm font-medium text-indigo-700 hover:underline focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
            >
              Open in inbox
            </Link>
          )}
        </div>
        {chat ? (
          <AiContextPanel chat={chat} showState />
        ) : (
          <p className="text-sm text-slate-600">
            Send a message: the status, lead score, answers and sale show up here.
          </p>
        )}
      </div>
    </Card>
  );
}
