import { BoundedSeries } from './boundedSeries.js';
import { mergeLoadPoints, mergeServerPoints } from './mergePoints.js';
import type {
  DashboardEvent,
  DashboardSnapshot,
  FinalChecks,
  LoadPoint,
  ServerPoint,
} from './points.js';

/** Points kept per side: at one a second, 20 minutes at full resolution, then coarser. */
export const DEFAULT_CAPACITY = 1200;

export interface FeedInfo {
  readonly source: DashboardSnapshot['source'];
  readonly title: string;
  readonly queues: DashboardSnapshot['queues'];
  readonly hasServer: boolean;
  readonly hasLoad: boolean;
  /** Wall clock (epoch ms) of time zero. */
  readonly startedAt: number;
  readonly capacity?: number;
}

type ServerBody = Omit<ServerPoint, 'seq' | 'at' | 'stepMs'>;
type LoadBody = Omit<LoadPoint, 'seq' | 'at' | 'stepMs'>;
export type Listener = (event: DashboardEvent) => void;

/**
 * The points of one dashboard and who listens to them: a page's event stream gets the snapshot
 * when it connects and each point as it comes; after old points were merged (bounded memory) it
 * gets a fresh snapshot instead, since its history changed.
 */
export class DashboardFeed {
  private readonly server: BoundedSeries<ServerPoint>;
  private readonly load: BoundedSeries<LoadPoint>;
  private readonly listeners = new Set<Listener>();
  private seq = 0;
  private final: FinalChecks | null = null;
  private done = false;

  constructor(private readonly info: FeedInfo) {
    const capacity = info.capacity ?? DEFAULT_CAPACITY;
    this.server = new BoundedSeries(capacity, mergeServerPoints);
    this.load = new BoundedSeries(capacity, mergeLoadPoints);
  }

  /** A point of this process's server, sampled now. */
  recordServer(body: ServerBody, at: number, stepMs: number): ServerPoint {
    const point: ServerPoint = { seq: ++this.seq, at, stepMs, ...body };
    this.addServer(point);
    return point;
  }

  /** Points of a server sampled elsewhere (another process's feed); known ones are skipped. */
  ingestServer(points: readonly ServerPoint[]): void {
    for (const point of points) {
      if (point.seq > this.lastServerSeq()) this.addServer(point);
    }
  }

  recordLoad(body: LoadBody, at: number, stepMs: number): LoadPoint {
    const point: LoadPoint = { seq: ++this.seq, at, stepMs, ...body };
    if (this.load.push(point)) this.broadcastSnapshot();
    else this.emit({ type: 'load', point });
    return point;
  }

  /** The server points after `seq` (what a load test's dashboard pulls from the deployment's). */
  serverPointsAfter(seq: number): ServerPoint[] {
    return this.server.toArray().filter((p) => p.seq > seq);
  }

  /** The seq of the newest server point (0: none yet). */
  lastServerSeq(): number {
    return this.server.last()?.seq ?? 0;
  }

  /** The run is over; `final` carries the load test's end-of-run checks. */
  finish(final: FinalChecks | null): void {
    this.final = final;
    this.done = true;
    this.emit({ type: 'final', final });
  }

  snapshot(): DashboardSnapshot {
    return {
      kind: 'ccsim-dashboard',
      version: 1,
      source: this.info.source,
      title: this.info.title,
      startedAt: this.info.startedAt,
      queues: this.info.queues,
      server: this.server.toArray(),
      load: this.load.toArray(),
      hasServer: this.info.hasServer,
      hasLoad: this.info.hasLoad,
      final: this.final,
      done: this.done,
    };
  }

  /** Calls `listener` with the snapshot at once, then with every event; returns the unsubscribe. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    listener({ type: 'snapshot', snapshot: this.snapshot() });
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  private addServer(point: ServerPoint): void {
    if (this.server.push(point)) this.broadcastSnapshot();
    else this.emit({ type: 'server', point });
  }

  private broadcastSnapshot(): void {
    if (this.listeners.size === 0) return;
    this.emit({ type: 'snapshot', snapshot: this.snapshot() });
  }

  private emit(event: DashboardEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
