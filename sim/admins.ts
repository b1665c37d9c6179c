import type { EventScheduler } from './eventScheduler.js';
import { EV_DELETE_ASSET } from './events.js';
import type { AssetModel } from './model.js';
import type { RouterLink } from './routerLink.js';

/** What deleting an asset stops on the customers' side. */
export interface AssetSide {
  isDeleted(asset: number): boolean;
  stopAsset(asset: number): void;
}

/**
 * Administrators: asset deletions at the scenario's clock times (SPEC R8). The router interrupts
 * the asset's conversations; customers stop writing to it.
 */
export class Admins {
  constructor(
    private readonly scheduler: EventScheduler,
    private readonly router: RouterLink,
    private readonly assets: readonly AssetModel[],
    private readonly customers: AssetSide,
    private readonly deletions: readonly { readonly asset: number; readonly atMs: number }[],
    private readonly endMs: number,
  ) {}

  start(): void {
    for (const deletion of this.deletions) {
      if (deletion.atMs < this.endMs) {
        this.scheduler.schedule(deletion.atMs, EV_DELETE_ASSET, deletion.asset);
      }
    }
  }

  /** An asset's deletion is due (EV_DELETE_ASSET). */
  deleteAsset(asset: number): void {
    if (this.customers.isDeleted(asset)) return;
    this.customers.stopAsset(asset);
    this.router.send({ type: 'admin.deleteAsset', assetId: this.assets[asset]!.id });
  }
}
