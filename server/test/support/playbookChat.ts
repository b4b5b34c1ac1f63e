import { PlaybookResponder } from '../../src/ai/playbook';
import type { ResponderInput, ResponderOutput, ScoreReason } from '../../src/ai/responder';
import { ChatStatus } from '../../src/modules/chats/chat.model';

export type ChatState = Omit<ResponderInput['chat'], 'recent'>;
export type Setting = Omit<ResponderInput, 'chat' | 'message'>;

/**
 * Plays the pipeline's part for the playbook: appends each message to `recent`, feeds the
 * output's state back into the next input, and keeps every output and score reason.
 */
export class PlaybookChat {
  readonly responder = new PlaybookResponder();
  readonly recent: ResponderInput['chat']['recent'] = [];
  readonly outputs: ResponderOutput[] = [];
  readonly reasons: ScoreReason[] = [];
  state: ChatState;

  constructor(
    private readonly setting: () => Setting,
    chat: Partial<ChatState> = {},
  ) {
    this.state = {
      customerName: 'Ana',
      status: ChatStatus.ACTIVE,
      leadScore: 0,
      aiContext: { qualificationAnswers: [], objections: [] },
      converted: false,
      ...chat,
    };
  }

  async say(message: string): Promise<ResponderOutput> {
    this.recent.push({ sender: 'customer', content: message });
    const output = await this.responder.respond({
      ...this.setting(),
      chat: { ...this.state, recent: [...this.recent] },
      message,
    });
    this.recent.push({ sender: 'ai', content: output.reply });
    this.outputs.push(output);
    this.reasons.push(...output.scoreReasons);
    this.state = {
      ...this.state,
      aiContext: output.aiContext,
      leadScore: output.leadScore,
      status: output.status ?? this.state.status,
      converted: this.state.converted || output.conversion !== undefined,
    };
    return output;
  }
}
