import type { AdminDeleteAsset } from '../commands.js';
import { type Ctx, fail, RouterErrorCode } from '../context.js';
import type { RouterError } from '../errors.js';
import {
  broadcastPaneState,
  cancelConferenceRequest,
  endConversation,
  participants,
} from '../lifecycle.js';

const WARNING =
  'The WhatsApp entry point of this conversation was deleted by an administrator. ' +
  'You cannot send more messages; end the conversation.';

/**
 * Asset deletion (SPEC R8): waiting conversations on it end as `interrupted`; conversations with
 * agents are interrupted: a warning, no more sending, and the owner must end and wrap up.
 */
export function adminDeleteAsset(ctx: Ctx, cmd: AdminDeleteAsset): RouterError | undefined {
  const { state } = ctx;
  if (!state.assets.has(cmd.assetId)) {
    return fail(RouterErrorCode.unknownAsset, `unknown asset "${cmd.assetId}"`);
  }
  if (state.deletedAssets.has(cmd.assetId)) {
    return fail(RouterErrorCode.assetDeleted, `asset "${cmd.assetId}" was already deleted`);
  }
  state.deletedAssets.add(cmd.assetId);
  for (const conversation of [...state.conversations.values()]) {
    if (conversation.asset.id !== cmd.assetId || conversation.status === 'ended') continue;
    conversation.interrupted = true;
    if (conversation.status === 'queued' || conversation.status === 'offered') {
      endConversation(ctx, conversation, 'interrupted', 'disconnected');
      continue;
    }
    cancelConferenceRequest(ctx, conversation);
    for (const agentId of participants(conversation)) {
      ctx.desktop(agentId, {
        type: 'conversation.interrupted',
        conversationId: conversation.id,
        warning: WARNING,
      });
    }
    broadcastPaneState(ctx, conversation);
  }
  return undefined;
}
