import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  at: number;
}

/** accept: stores the mail; refuse: 451 to every message; hang: never greets. */
export type SmtpMode = 'accept' | 'refuse' | 'hang';

export interface SmtpReceiver {
  url: string;
  mails: ReceivedMail[];
  /** Messages refused or connections left hanging so far. */
  turnedAway: number;
  setMode(mode: SmtpMode): void;
  waitForMails(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/** A real SMTP server on a free local port (the `smtp-server` package), parsing what it gets. */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  let mode: SmtpMode = 'accept';
  const receiver = { mails: [] as ReceivedMail[], turnedAway: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 100,
    onConnect(_session, callback) {
      if (mode === 'hang') {
        receiver.turnedAway++;
        return; // no greeting, ever: the client's greeting timeout must end it
      }
      callback();
    },
    onData(stream, session, callback) {
      if (mode === 'refuse') {
        receiver.turnedAway++;
        stream.resume();
        stream.on('end', () =>
          callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 })),
        );
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          receiver.mails.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            at: Date.now(),
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails: receiver.mails,
    get turnedAway() {
      return receiver.turnedAway;
    },
    setMode(next) {
      mode = next;
    },
    async waitForMails(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (receiver.mails.length < count) {
        if (Date.now() > deadline) {
          throw new Error(`${receiver.mails.length} mails received, expected ${count}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return receiver.mails;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
