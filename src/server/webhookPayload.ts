import { z } from 'zod';
import type { CustomerMessage } from '../core/index.js';
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
export function parseWebhook(json: unknown): ParsedWebhook {
  const payload = payloadSchema.safeParse(json);
  if (!payload.success) throw invalid(payload.error);
  const messages: CustomerMessage[] = [];
  let statuses = 0;
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
  return { messages, statuses };
}
