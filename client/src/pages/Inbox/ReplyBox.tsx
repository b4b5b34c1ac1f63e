import { skipToken, useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import { appendMessages } from '../../components/conversation/messageCache';
import { Button, TextArea, useToast } from '../../components/ui';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { formatTime } from '../../lib/format';

export const ReplyBoxChat = graphql(`
  fragment ReplyBox_chat on Chat {
    id
    mode
    replyWindow {
      open
      closesAt
      reason
    }
  }
`);

/** The chat's window again, from the server, once the one on screen has run out. */
export const ReplyBoxWindowDocument = graphql(`
  query ReplyBoxWindow($id: ObjectId!) {
    chat(id: $id) {
      id
      ...ReplyBox_chat
    }
  }
`);

export const InboxSendMessageDocument = graphql(`
  mutation InboxSendMessage($chatId: ObjectId!, $text: String!) {
    sendMessage(chatId: $chatId, text: $text) {
      ...MessageCache_message
    }
  }
`);

const MAX_REPLY = 2000;
/** The window closes while the page is open: look again every minute. */
const RECHECK_MS = 60_000;

/**
 * The owner's reply; disabled, with the platform's reason, outside the reply window. The
 * server decides the window (`replyWindow`); past its `closesAt` the box closes at once
 * and asks the server again, which then gives its reason.
 */
export function ReplyBox(props: { chat: FragmentType<typeof ReplyBoxChat> }) {
  const chat = getFragmentData(ReplyBoxChat, props.chat);
  const toast = useToast();
  const [text, setText] = useState('');
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), RECHECK_MS);
    return () => clearInterval(timer);
  }, []);

  const { closesAt } = chat.replyWindow;
  const expired = chat.replyWindow.open && closesAt !== null && Date.parse(closesAt) <= now;
  // The answer lands on the same Chat in the cache, so `chat` above re-renders with it.
  useQuery(
    ReplyBoxWindowDocument,
    expired ? { variables: { id: chat.id }, fetchPolicy: 'network-only' } : skipToken,
  );
  const open = chat.replyWindow.open && !expired;

  const [send, { loading }] = useMutation(InboxSendMessageDocument, {
    // Shown at once; messageAdded brings the same message again and is ignored then.
    update: (cache, { data }) => appendMessages(cache, chat.id, [data?.sendMessage]),
  });

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const reply = text.trim();
    if (!reply || !open || loading) return;
    try {
      await send({ variables: { chatId: chat.id, text: reply } });
      setText('');
    } catch (error) {
      toast.error(error);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends, Shift+Enter makes a new line, as in every chat app.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  };

  if (!open) {
    return (
      <div
        role="status"
        className="border-t border-slate-200/80 bg-amber-50/90 px-4 py-3 text-sm text-amber-900"
      >
        <p className="font-semibold">Replies are closed for this chat</p>
        <p className="mt-0.5">
          {chat.replyWindow.reason ??
            (closesAt ? `The reply window closed at ${formatTime(closesAt)}.` : null)}
        </p>
      </div>
    );
  }

  return (
    <form onSubmit={submit} className="border-t border-slate-200/80 bg-white/70 p-3">
      <div className="flex items-end gap-2">
        <TextArea
          label="Reply"
          hideLabel
          wrapperClassName="flex-1"
          rows={2}
          maxLength={MAX_REPLY}
          placeholder={
            chat.mode === 'AI'
              ? 'Write a reply (this takes the chat over from the AI)'
              : 'Write a reply'
          }
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <Button type="submit" loading={loading} disabled={!text.trim()}>
          Send
        </Button>
      </div>
      <p className="mt-1 text-xs text-slate-600">
        Enter to send, Shift+Enter for a new line.
        {chat.mode === 'AI' && ' Sending switches the chat to you; the AI pauses.'}
      </p>
    </form>
  );
}
