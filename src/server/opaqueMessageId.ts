import { createHmac } from 'node:crypto';

/**
 * The message id agents see instead of WhatsApp's (docs/protocol.md, "Message ids"). A WhatsApp
 * id (`wamid.HBgLNDQ3OTY2MTk3NTQy...`) is base64 of a payload that starts with the sender's
 * number, so passing it on would show every agent the number masking hides. This id is `m_` and
 * the first 22 characters (132 bits) of the base64url HMAC-SHA256 of `ccsim-message-id:<wamid>`
 * under the app secret: stable (a retry maps to the same id), unguessable without the secret, and
 * computable by whoever signs the webhooks (the load replayer, k6) to correlate its messages.
 *
 * `src/load/opaqueMessageId.ts` is the replayer's copy (server and load never import each
 * other); `test/load/opaqueMessageId.test.ts` checks that both agree.
 */
export function opaqueMessageId(appSecret: string, wamid: string): string {
  const mac = createHmac('sha256', appSecret)
    .update(`ccsim-message-id:${wamid}`)
    .digest('base64url');
  return `m_${mac.slice(0, 22)}`;
}
