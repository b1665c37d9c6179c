import type { Conversation } from './state.js';

/**
 * The conversation a customer's next message on an asset joins, by asset and then customer id.
 * Two levels of maps rather than one keyed by a joined string: every customer message looks its
 * conversation up, and joining the ids would build and hash a new string each time.
 */
export class CustomerIndex {
  private readonly byAsset = new Map<string, Map<string, Conversation>>();

  get(assetId: string, customerId: string): Conversation | undefined {
    return this.byAsset.get(assetId)?.get(customerId);
  }

  set(assetId: string, customerId: string, conversation: Conversation): void {
    let customers = this.byAsset.get(assetId);
    if (customers === undefined) {
      customers = new Map();
      this.byAsset.set(assetId, customers);
    }
    customers.set(customerId, conversation);
  }

  /** Removes the entry if it still points at `conversation`. */
  deleteIf(assetId: string, customerId: string, conversation: Conversation): void {
    const customers = this.byAsset.get(assetId);
    if (customers?.get(customerId) === conversation) customers.delete(customerId);
  }

  /**
   * Per asset, in the index's order (assets with no entry left included), its entries as
   * [customerId, conversation]: what a state export keeps, so that a restored index iterates alike.
   */
  assetEntries(): [string, [string, Conversation][]][] {
    return [...this.byAsset].map(([assetId, customers]) => [assetId, [...customers]]);
  }

  /** Gives an asset its place in the index's order without an entry (a restore's first step). */
  touchAsset(assetId: string): void {
    if (!this.byAsset.has(assetId)) this.byAsset.set(assetId, new Map());
  }

  /** Every entry as [assetId, customerId, conversation], asset by asset. */
  entries(): [string, string, Conversation][] {
    const entries: [string, string, Conversation][] = [];
    for (const [assetId, customers] of this.byAsset) {
      for (const [customerId, conversation] of customers) {
        entries.push([assetId, customerId, conversation]);
      }
    }
    return entries;
  }
}
