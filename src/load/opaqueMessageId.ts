import { createHmac } from 'node:crypto';

/**
 * The id the reference deployment shows agents for a WhatsApp message id: `m_` + the first 22
 * characters of base64url(HMAC-SHA256(app secret, `ccsim-message-id:<wamid>`)) (docs/protocol.md,
 * "Message ids"). The replayer signs the webhooks, so it knows the secret and maps the ids in
 * agent frames back to its trace messages. The server has its own copy
 * (`src/server/opaqueMessageId.ts`); `test/load/opaqueMessageId.test.ts` checks that both agree.
 */
export function opaqueMessageId(appSecret: string, wamid: string): string {
  const mac = createHmac('sha256', appSecret)
    .update(`ccsim-message-id:${wamid}`)
    .digest('base64url');
  return `m_${mac.slice(0, 22)}`;
}
