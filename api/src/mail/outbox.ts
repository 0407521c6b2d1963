// Writes email as RFC 822 .eml files into a folder (the demo's and the tests' "outbox") and lists them.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { OutboxMessage } from '@civic-elements/protocol';
import type { Mailer, MailMessage } from './types.js';

const ID = /^\d{13}-[0-9a-f]{8}$/;

export class OutboxMailer implements Mailer {
  readonly #transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(
    readonly dir: string,
    readonly from: string,
  ) {}

  async send(message: MailMessage): Promise<void> {
    const sentAt = new Date();
    // Ids sort in the order the messages were written.
    const id = `${String(sentAt.getTime()).padStart(13, '0')}-${randomBytes(4).toString('hex')}`;
    const info = await this.#transport.sendMail({ from: this.from, ...message });
    await mkdir(this.dir, { recursive: true });
    await writeFile(join(this.dir, `${id}.eml`), info.message as Buffer);
    // A summary beside it, so listing needs no MIME parsing.
    const summary: OutboxMessage = { id, to: message.to, subject: message.subject, text: message.text, sentAt: sentAt.toISOString() };
    await writeFile(join(this.dir, `${id}.json`), JSON.stringify(summary));
  }

  /** Newest first; `to` keeps only messages to that address (case-insensitive). */
  async list(filter: { to?: string } = {}): Promise<OutboxMessage[]> {
    let files: string[];
    try {
      files = await readdir(this.dir);
    } catch {
      return [];
    }
    const ids = files
      .filter((file) => file.endsWith('.json'))
      .map((file) => file.slice(0, -'.json'.length))
      .filter((id) => ID.test(id))
      .sort()
      .reverse();
    const messages: OutboxMessage[] = [];
    const to = filter.to?.trim().toLowerCase();
    for (const id of ids) {
      const message = JSON.parse(await readFile(join(this.dir, `${id}.json`), 'utf8')) as OutboxMessage;
      if (to === undefined || message.to.toLowerCase() === to) messages.push(message);
    }
    return messages;
  }

  /** The raw .eml bytes, or null for an id that is not in the outbox. */
  async raw(id: string): Promise<Buffer | null> {
    if (!ID.test(id)) return null;
    try {
      return await readFile(join(this.dir, `${id}.eml`));
    } catch {
      return null;
    }
  }
}
