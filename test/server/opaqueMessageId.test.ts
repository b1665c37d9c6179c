import { afterEach, describe, expect, it } from 'vitest';
import { LeakDetector } from '../../src/load/index.js';
import type { ServerHandle } from '../../src/server/index.js';
import { opaqueMessageId } from '../../src/server/opaqueMessageId.js';
import {
  AgentClient,
  admin,
  postSigned,
  SECRET,
  start,
  tenant,
  webhookPayload,
} from './fixtures.js';

/**
 * Issue 16, item 2: WhatsApp's message ids are base64 of a struct that starts with the sender's
 * number. Agents get an opaque id instead, in every frame; so do the router state and the admin
 * API's views; the raw id stays in the server (its duplicate filter).
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const NUMBER = '447966197542';
/** As the Cloud API writes them: 0x1c 0x18 0x0c "447966197542" 0x15 ... in base64. */
const WAMIDS = [
  'wamid.HBgMNDQ3OTY2MTk3NTQyFQIAEhggM0VCMDRBNkRGRTJCRjRFQUU2AA==',
  'wamid.HBgMNDQ3OTY2MTk3NTQyFQIAEhggM0VCMDRBNkRGRTJCRjRFQUU3AA==',
];

async function startLoggedIn(
  masking: boolean,
): Promise<{ server: ServerHandle; ann: AgentClient }> {
  const server = await start({ tenant: tenant({ masking: { enabled: masking } }) });
  cleanups.push(() => server.close());
  const ann = await AgentClient.login(server, 'ann');
  cleanups.push(() => ann.close());
  await ann.ok({ type: 'setState', status: 'Available' });
  return { server, ann };
}

describe('opaque message ids', () => {
  it('offer, accept, messages and the desktop snapshot carry the opaque id, never the WhatsApp id or the number', async () => {
    const { server, ann } = await startLoggedIn(true);
    const opaque = WAMIDS.map((id) => opaqueMessageId(SECRET, id));
    await postSigned(server, webhookPayload({ from: NUMBER, id: WAMIDS[0]!, text: 'hello' }));
    const offer = await ann.event('offer');
    expect(offer.firstMessageId).toBe(opaque[0]);
    await ann.ok({ type: 'accept', conversationId: offer.conversationId });
    const accepted = await ann.event('conversation.accepted');
    expect(accepted.pane.messages.map((m) => m.messageId)).toEqual([opaque[0]]);
    await postSigned(
      server,
      webhookPayload({ from: NUMBER, id: WAMIDS[1]!, text: 'still there?' }),
    );
    const message = await ann.event('message', (e) => e.message.from === 'customer');
    expect(message.message.messageId).toBe(opaque[1]);
    await ann.ok({ type: 'desktop' });
    // A retry of the first message is still recognised: the filter keeps the raw id's meaning.
    const retry = await postSigned(
      server,
      webhookPayload({ from: NUMBER, id: WAMIDS[0]!, text: 'hello' }),
    );
    expect(retry.json()).toMatchObject({ received: 0, duplicates: 1 });

    const detector = new LeakDetector([
      { text: NUMBER, kind: 'phone', messageId: WAMIDS[0]!, encodings: true },
    ]);
    const frames = ann.frames.map((f) => JSON.stringify(f));
    expect(frames.length).toBeGreaterThan(5);
    for (const frame of frames) {
      expect(detector.scan(frame), frame).toEqual([]);
      for (const id of WAMIDS) expect(frame).not.toContain(id.slice(6, 30));
    }
    // Nor the router's state, nor the admin API's open conversations.
    const state = JSON.stringify(server.snapshot());
    for (const id of WAMIDS) expect(state).not.toContain(id);
    const open = (await admin(server, '/admin/conversations?messages=true')).json();
    expect(
      open.conversations[0].messages.map((m: { messageId: string | null }) => m.messageId),
    ).toEqual([opaque[0], opaque[1]]);
  });

  it('with masking off the number is shown where the views show it, but still in no id', async () => {
    const { server, ann } = await startLoggedIn(false);
    await postSigned(server, webhookPayload({ from: NUMBER, id: WAMIDS[0]!, text: 'hi' }));
    const offer = await ann.event('offer');
    expect(offer.popover.customerNumber).toBe(`+${NUMBER}`);
    expect(offer.firstMessageId).toMatch(/^m_[A-Za-z0-9_-]{22}$/);
  });
});
