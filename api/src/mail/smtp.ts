// Sends email through an SMTP server (SMTP_URL) with nodemailer.
import nodemailer from 'nodemailer';
import type { Mailer, MailMessage } from './types.js';

export class SmtpMailer implements Mailer {
  readonly #transport: nodemailer.Transporter;

  constructor(
    smtpUrl: string,
    readonly from: string,
  ) {
    this.#transport = nodemailer.createTransport(smtpUrl);
  }

  async send(message: MailMessage): Promise<void> {
    await this.#transport.sendMail({ from: this.from, ...message });
  }

  close(): void {
    this.#transport.close();
  }
}
