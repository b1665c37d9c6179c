import { afterEach, describe, expect, it } from 'vitest';
import { AgentClient, GraphSink, postSigned, start, tenant, webhookPayload } from './fixtures.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const TEXT = 'card 4111 1111 1111 1111, mail melissa@gmail.com';
const MASKED_TEXT = 'card ************1111, mail m******@gmail.com';

/**
 * One conversation over the wire with the customer named by their number (SPEC R13), collecting
 * every agent-facing view field as the agent's socket received it (SPEC R12's table).
 */
async function viewFields(enabled: boolean) {
  const sink = await GraphSink.start();
  cleanups.push(() => sink.close());
  const server = await start({ tenant: tenant({ masking: { enabled } }), graphUrl: sink.url });
  cleanups.push(() => server.close());
  const ann = await AgentClient.login(server, 'ann');
  cleanups.push(() => ann.close());
  await ann.ok({ type: 'setState', status: 'Available' });
  await postSigned(
    server,
    webhookPayload({ from: '447966197542', id: 'm1', text: TEXT, name: '+44 7966 197542' }),
  );
  const offer = await ann.event('offer');
  const conversationId = offer.conversationId;
  await ann.ok({ type: 'accept', conversationId });
  const accepted = await ann.event('conversation.accepted');
  await postSigned(server, webhookPayload({ from: '447966197542', id: 'm2', text: TEXT }));
  const message = await ann.event('message');
  const snapshot = (await ann.ok({ type: 'desktop' })).desktop;
  await ann.ok({ type: 'send', conversationId, text: `Your card ${TEXT}` });
  await ann.ok({ type: 'end', conversationId });
  await ann.ok({ type: 'wrapUp', conversationId, reasonId: 'resolved' });
  const done = await ann.event('wrapup.done');
  const [outbound] = await sink.waitFor(1);
  return {
    fields: {
      'popover.customerName': offer.popover.customerName,
      'popover.customerNumber': offer.popover.customerNumber,
      'popover.sourceNumber': offer.popover.sourceNumber,
      'notification.title': offer.notification.title,
      'notification.preview': offer.notification.preview,
      'taskList.title': offer.task.title,
      'taskList.preview': offer.task.preview,
      'interactionPane.title': accepted.pane.title,
      'mediaPane.signature': accepted.pane.messages[0]!.signature,
      'mediaPane.messageText': accepted.pane.messages[0]!.text,
      'mediaPane.composerPlaceholder': accepted.pane.composerPlaceholder,
      'history.tileTitle': done.history.title,
      'cad.contactOrigin': accepted.pane.cad.contactOrigin,
    },
    message,
    snapshot,
    outbound: outbound!.body.text.body as string,
  };
}

describe('masking of agent-facing views over the wire (SPEC R9-R13)', () => {
  it('masks every view field when the tenant enables it; the reply to the customer is not masked', async () => {
    const { fields, message, snapshot, outbound } = await viewFields(true);
    expect(fields).toEqual({
      'popover.customerName': '*********7542',
      'popover.customerNumber': '*********7542',
      'popover.sourceNumber': '********0100',
      'notification.title': '*********7542',
      'notification.preview': MASKED_TEXT,
      'taskList.title': '*********7542',
      'taskList.preview': MASKED_TEXT,
      'interactionPane.title': '*********7542',
      'mediaPane.signature': '*********7542',
      'mediaPane.messageText': MASKED_TEXT,
      'mediaPane.composerPlaceholder': 'Reply to *********7542',
      'history.tileTitle': '*********7542',
      'cad.contactOrigin': '*********7542',
    });
    // Live message events and the reconnect snapshot are masked the same way.
    expect(message.message.text).toBe(MASKED_TEXT);
    expect(message.notification?.preview).toBe(MASKED_TEXT);
    expect(message.task?.title).toBe('*********7542');
    expect(JSON.stringify(snapshot)).not.toContain('7966197542');
    expect(JSON.stringify(snapshot)).not.toContain('melissa@');
    expect(outbound).toBe(`Your card ${TEXT}`);
  });

  it('shows every field in the clear when masking is disabled', async () => {
    const { fields, message } = await viewFields(false);
    expect(fields).toEqual({
      'popover.customerName': '+44 7966 197542',
      'popover.customerNumber': '+447966197542',
      'popover.sourceNumber': '+31 20 555 0100',
      'notification.title': '+447966197542',
      'notification.preview': TEXT,
      'taskList.title': '+447966197542',
      'taskList.preview': TEXT,
      'interactionPane.title': '+447966197542',
      'mediaPane.signature': '+44 7966 197542',
      'mediaPane.messageText': TEXT,
      'mediaPane.composerPlaceholder': 'Reply to +447966197542',
      'history.tileTitle': '+447966197542',
      'cad.contactOrigin': '+447966197542',
    });
    expect(message.message.text).toBe(TEXT);
  });
});
