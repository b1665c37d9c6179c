import { EV_DELETE_ASSET } from './events.js';
import type { World } from './world.js';

/**
 * Administrators: asset deletions at the scenario's clock times (SPEC R8). The router interrupts
 * the asset's conversations; customers stop writing to it.
 */
export class Admins {
  private readonly world: World;

  constructor(world: World) {
    this.world = world;
  }

  start(): void {
    const { engine, model } = this.world;
    for (const deletion of model.deletions) {
      if (deletion.atMs < model.endMs)
        engine.schedule(deletion.atMs, EV_DELETE_ASSET, deletion.asset);
    }
  }

  deleteAsset(asset: number): void {
    const world = this.world;
    if (world.customers.isDeleted(asset)) return;
    world.customers.stopAsset(asset);
    world.send({ type: 'admin.deleteAsset', assetId: world.model.assets[asset]!.id });
  }
}
