import { z } from 'zod';
import { type CustomerMessage, characterCount } from '../core/index.js';
import { ServerError, ServerErrorCode } from './errors.js';

/**
 * The WhatsApp Cloud API webhook payload, as far as the server reads it. Objects are not strict:
 * Meta adds fields over time, and unknown fields are ignored as Meta's own docs ask.
 */

const waId = z.string().regex(/^[0-9]{1,32}$/, 'a wa_id is 1-32 digits');

const messageSchema = z.object({
  from: waId,
  id: z.string().min(1).max(256),
  timestamp: z.string().regex(/^[0-9]{1,16}$/, 'a timestamp is epoch seconds as a string'),
  type: z.string().min(1).max(64),
  text: z.object({ body: z.string().min(1) }).optional(),
});

const valueSchema = z.object({
  messaging_product: z.literal('whatsapp'),
  metadata: z.object({
    display_phone_number: z.string().max(64),
    phone_number_id: z.string().min(1).max(128),
  }),
  contacts: z
    .array(z.object({ wa_id: waId, profile: z.object({ name: z.string().max(1024) }).optional() }))
    .optional(),
  messages: z.array(messageSchema).optional(),
  statuses: z.array(z.unknown()).optional(),
});

const payloadSchema = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.object({
      id: z.string(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })),
    }),
  ),
});

export interface ParsedWebhook {
  /** One `customer.message` per inbound message, in payload order. */
  readonly messages: CustomerMessage[];
  /** Delivery/read statuses: accepted and ignored. */
  readonly statuses: number;
  /** Texts over the character limit, cut (see `limitText`). */
  readonly truncated: number;
}

/**
 * WhatsApp caps a text at 4096 characters; a webhook may carry more (a client of ours, a replay
 * gone wrong). Over `max` characters (code points, as WhatsApp and R6 count them), the text keeps
 * its first `max - 1` and ends with "…", so the agent sees that it was cut. Null when it fits.
 */
export function limitText(text: string, max: number): string | null {
  // A string of at most `max` UTF-16 units has at most `max` characters: the common case.
  if (text.length <= max || characterCount(text) <= max) return null;
  let end = 0;
  for (let chars = 0; chars < max - 1; chars++) {
    const c = text.charCodeAt(end);
    const pair = c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(end + 1) & 0xfc00) === 0xdc00;
    end += pair ? 2 : 1;
  }
  return `${text.slice(0, end)}\u2026`;
}

function invalid(error: z.ZodError, prefix = ''): ServerError {
  const issue = error.issues[0];
  const path = prefix + (issue ? issue.path.join('.') : '');
  return new ServerError(
    ServerErrorCode.invalidPayload,
    `${path ? `${path}: ` : ''}${issue?.message ?? 'invalid payload'}`,
  );
}

/**
 * Maps a parsed JSON body to router commands; throws INVALID_PAYLOAD with the first problem's
 * path. A non-text message (image, location...) reaches the agent as a placeholder text, so that
 * nothing acknowledged disappears.
 */
export function parseWebhook(json: unknown, maxTextChars = 4096): ParsedWebhook {
  const payload = payloadSchema.safeParse(json);
  if (!payload.success) throw invalid(payload.error);
  const messages: CustomerMessage[] = [];
  let statuses = 0;
  let truncated = 0;
  payload.data.entry.forEach((entry, e) => {
    entry.changes.forEach((change, c) => {
      if (change.field !== 'messages') return;
      const parsed = valueSchema.safeParse(change.value);
      if (!parsed.success) throw invalid(parsed.error, `entry.${e}.changes.${c}.value.`);
      const value = parsed.data;
      statuses += value.statuses?.length ?? 0;
      const names = new Map<string, string>();
      for (const contact of value.contacts ?? []) {
        if (contact.profile) names.set(contact.wa_id, contact.profile.name);
      }
      value.messages?.forEach((message, m) => {
        let text: string;
        if (message.type === 'text') {
          if (!message.text) {
            throw new ServerError(
              ServerErrorCode.invalidPayload,
              `entry.${e}.changes.${c}.value.messages.${m}.text: a text message needs text.body`,
            );
          }
          text = message.text.body;
          const cut = limitText(text, maxTextChars);
          if (cut !== null) {
            text = cut;
            truncated++;
          }
        } else {
          text = `[${message.type} message]`;
        }
        const phone = `+${message.from}`;
        messages.push({
          type: 'customer.message',
          assetId: value.metadata.phone_number_id,
          customer: { id: message.from, name: names.get(message.from) || phone, phone },
          messageId: message.id,
          text,
        });
      });
    });
  });
  return { messages, statuses, truncated };
}
