import { createHmac } from 'node:crypto';

/**
 * The WhatsApp Cloud API webhook a customer message arrives as, and its `X-Hub-Signature-256`
 * (HMAC-SHA256 of the exact body bytes with the app secret), as docs/protocol.md describes.
 */

export interface WebhookMessage {
  /** The business number's `phone_number_id` and display number (digits). */
  readonly assetId: string;
  readonly displayNumber: string;
  /** The customer's wa_id and profile name. */
  readonly customerId: string;
  readonly customerName: string;
  readonly messageId: string;
  readonly text: string;
  /** Epoch seconds. */
  readonly timestamp: number;
}

/** The JSON body of one webhook carrying one text message. */
export function webhookBody(m: WebhookMessage): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'ccsim-load',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: m.displayNumber, phone_number_id: m.assetId },
              contacts: [{ profile: { name: m.customerName }, wa_id: m.customerId }],
              messages: [
                {
                  from: m.customerId,
                  id: m.messageId,
                  timestamp: String(m.timestamp),
                  type: 'text',
                  text: { body: m.text },
                },
              ],
            },
          },
        ],
      },
    ],
  });
}

/** `sha256=<hex>`: the value of `X-Hub-Signature-256` for `body`. */
export function signature(body: string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/** The display number of an asset as the Cloud API writes it: digits only. */
export function displayDigits(number: string): string {
  return number.replace(/\D/g, '');
}
