import nodemailer, { type Transporter } from 'nodemailer';

export interface MailOptions {
  /** SMTP_URL: smtp://user:pass@host:587 or smtps://...; unset: no email. */
  url?: string;
  /** MAIL_FROM: "Salesdesk <alerts@example.com>". */
  from: string;
  /** Connecting, the greeting and every reply: a hanging server fails the attempt. */
  timeoutMs: number;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Email over SMTP, when the operator configured a server. */
export class Mailer {
  private transport?: Transporter;

  constructor(private readonly options: MailOptions) {}

  get available(): boolean {
    return Boolean(this.options.url);
  }

  async send(mail: Mail): Promise<void> {
    if (!this.options.url) throw new Error('Email is not set up on this server (SMTP_URL).');
    this.transport ??= nodemailer.createTransport({
      url: this.options.url,
      connectionTimeout: this.options.timeoutMs,
      greetingTimeout: this.options.timeoutMs,
      socketTimeout: this.options.timeoutMs,
    } as Parameters<typeof nodemailer.createTransport>[0]);
    await this.transport.sendMail({ from: this.options.from, ...mail });
  }

  close(): void {
    this.transport?.close();
  }
}
