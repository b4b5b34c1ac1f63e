import type { Transcriber } from '../ai/transcriber';
import type { Logger } from '../logger';
import { MessageModel, type Message } from '../modules/chats/message.model';
import type { MediaService } from '../modules/media/media.service';

/**
 * A customer's voice note in words, so the AI can answer it: the recording (kept by the
 * media service) through Groq's speech-to-text, the transcript stored on the message for
 * the owner to read beside the audio. Undefined when it cannot be had: the note is then
 * left for the owner, never guessed at.
 */
export class VoiceNotes {
  constructor(
    private readonly media: MediaService,
    private readonly transcriber: Transcriber,
    private readonly logger: Logger,
  ) {}

  async transcribe(message: Message): Promise<string | undefined> {
    const attachments = (message.metadata?.attachments ?? []) as { type?: string }[];
    const index = attachments.findIndex((attachment) => attachment?.type === 'audio');
    if (index < 0) return undefined;
    try {
      const transcript = await this.transcriber.transcribe(await this.media.keep(message, index));
      if (transcript) await MessageModel.updateOne({ _id: message._id }, { $set: { transcript } });
      return transcript;
    } catch (error) {
      this.logger.warn(
        { messageId: String(message._id), err: (error as Error).message },
        'a voice note could not be transcribed',
      );
      return undefined;
    }
  }
}
