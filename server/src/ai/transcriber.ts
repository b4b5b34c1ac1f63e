import Groq, { toFile } from 'groq-sdk';
import { groqBaseUrl } from './groq';

export interface Transcriber {
  /** The words of a recording, or undefined when none could be made out. */
  transcribe(audio: {
    data: Buffer;
    mimeType: string;
    fileName?: string;
  }): Promise<string | undefined>;
}

/** Groq's speech-to-text (`POST /openai/v1/audio/transcriptions`) through groq-sdk. */
export class GroqTranscriber implements Transcriber {
  private readonly client: Groq;

  constructor(
    private readonly options: {
      apiKey: string;
      model: string;
      baseURL?: string;
      timeoutMs?: number;
    },
  ) {
    this.client = new Groq({
      apiKey: options.apiKey,
      baseURL: groqBaseUrl(options.baseURL),
      timeout: options.timeoutMs ?? 30_000,
      maxRetries: 1,
    });
  }

  async transcribe(audio: { data: Buffer; mimeType: string; fileName?: string }) {
    const extension = audio.mimeType.split('/')[1]?.split(/[;+]/)[0] || 'ogg';
    const file = await toFile(audio.data, audio.fileName ?? `voice.${extension}`, {
      type: audio.mimeType,
    });
    const result = await this.client.audio.transcriptions.create({
      file,
      model: this.options.model,
      response_format: 'json',
    });
    const text = result.text?.trim();
    return text || undefined;
  }
}
