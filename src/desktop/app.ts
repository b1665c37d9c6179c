import type { AgentListEntry, QueueListEntry } from '../core/index.js';
import { type AuthOk, Connection, type Reply } from './connection.js';
import { byId, h, replace, timeOfDay } from './dom.js';
import {
  applyEvent,
  applyHistory,
  applySnapshot,
  type DesktopModel,
  emptyModel,
  notify,
} from './model.js';
import { OffersView } from './offersView.js';
import { type PaneActions, PaneView } from './paneView.js';
import type { ListItem } from './searchList.js';
import { TargetDialog, type TargetKind } from './targetDialog.js';

/** The token lives for the browser tab only, never in the URL (logs keep URLs). */
const TOKEN_KEY = 'ccsim.agentToken';
const TICK_MS = 250;
const PING_MS = 15_000;

function errorText(reply: Reply): string {
  return `${reply.message ?? 'refused'} (${reply.code ?? 'ERROR'})`;
}

/**
 * The agent desktop page: sign-in, then one socket to `/agent` (docs/protocol.md). Everything
 * shown comes from that socket's snapshot and events; every action is one request frame.
 */
export class App {
  private connection: Connection | null = null;
  private model: DesktopModel | null = null;
  private readonly panes = new Map<string, PaneView>();
  private idleCodes: { id: string; label: string }[] = [];
  private readonly offers: OffersView;
  private readonly dialog: TargetDialog;
  private timers: number[] = [];
  private reconnectDelay = 1000;
  private stateKey = '';
  private tasksKey = '';
  private readonly signin = byId<HTMLElement>('signin');
  private readonly desktop = byId<HTMLElement>('desktop');
  private readonly state = byId<HTMLSelectElement>('state');
  private readonly since = byId<HTMLElement>('state-since');
  private readonly banner = byId<HTMLElement>('banner');
  private readonly paneArea = byId<HTMLElement>('panes');

  constructor(private readonly wsUrl: string) {
    this.offers = new OffersView(byId('offers'), (id) =>
      this.command({ type: 'accept', conversationId: id }),
    );
    this.dialog = new TargetDialog({
      list: (kind, search) => this.targets(kind, search),
      submit: async (action, conversationId, target, label) => {
        const error = await this.command({ type: action, conversationId, target });
        if (error === null && action === 'conference') {
          const pane = this.model?.panes.get(conversationId);
          if (pane) pane.conferenceRequest = label;
          this.render();
        }
        return error;
      },
    });
    document.body.append(this.dialog.el);
    byId<HTMLFormElement>('signin-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const input = byId<HTMLInputElement>('token');
      void this.signIn(input.value.trim());
    });
    byId('signout').addEventListener('click', () => this.signOut());
    this.state.addEventListener('change', () => void this.changeState());
    byId('reconnect').addEventListener('click', () => void this.reconnect());
  }

  start(): void {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) void this.signIn(token);
    else byId('token').focus();
  }

  private serverNow(): number {
    return Date.now() + (this.model?.clockOffset ?? 0);
  }

  private async signIn(token: string): Promise<void> {
    const error = byId('signin-error');
    if (token === '') {
      error.textContent = 'Enter your agent token.';
      return;
    }
    error.textContent = '';
    let opened: { connection: Connection; auth: AuthOk };
    try {
      opened = await Connection.open(this.wsUrl, token, {
        event: (event) => {
          if (!this.model) return;
          applyEvent(this.model, event, this.serverNow());
          this.render();
        },
        closed: (_code, reason) => this.lost(reason),
      });
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'WS_AUTH_FAILED') sessionStorage.removeItem(TOKEN_KEY);
      if (this.model && code !== 'WS_AUTH_FAILED') {
        this.lost(code ?? '');
        return;
      }
      this.showSignIn();
      error.textContent = (err as Error).message;
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, token);
    byId<HTMLInputElement>('token').value = '';
    this.connection = opened.connection;
    this.reconnectDelay = 1000;
    this.banner.hidden = true;
    const { auth } = opened;
    const model =
      this.model?.agentId === auth.agentId ? this.model : emptyModel(auth.agentId, auth.agentName);
    applySnapshot(model, auth.desktop, auth.now, Date.now());
    this.model = model;
    const codes = await this.connection.request({ type: 'idleCodes' });
    this.idleCodes = codes.type === 'ok' ? (codes.codes as { id: string; label: string }[]) : [];
    this.signin.hidden = true;
    this.desktop.hidden = false;
    byId('agent-name').textContent = auth.agentName;
    this.startTimers();
    this.render();
    this.state.focus();
  }

  private showSignIn(): void {
    this.stopTimers();
    this.desktop.hidden = true;
    this.signin.hidden = false;
    byId('token').focus();
  }

  private signOut(): void {
    sessionStorage.removeItem(TOKEN_KEY);
    const connection = this.connection;
    this.connection = null;
    this.model = null;
    connection?.close();
    for (const pane of this.panes.values()) pane.el.remove();
    this.panes.clear();
    this.offers.clear();
    this.stateKey = '';
    this.tasksKey = '';
    this.showSignIn();
  }

  /** The socket went away: say so and try again (the snapshot brings the desktop back). */
  private lost(reason: string): void {
    if (this.connection === null && this.model === null) return;
    this.connection = null;
    this.stopTimers();
    byId('banner-text').textContent = `Disconnected${reason ? ` (${reason})` : ''}. Reconnecting…`;
    this.banner.hidden = false;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(10_000, delay * 2);
    this.timers.push(window.setTimeout(() => void this.reconnect(), delay));
  }

  private async reconnect(): Promise<void> {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (this.connection || !token) return;
    await this.signIn(token);
  }

  private startTimers(): void {
    this.stopTimers();
    this.timers.push(window.setInterval(() => this.offers.tick(this.serverNow()), TICK_MS));
    this.timers.push(
      window.setInterval(async () => {
        const sent = Date.now();
        const reply = await this.connection?.request({ type: 'ping' });
        if (reply?.type === 'ok' && this.model && typeof reply.now === 'number') {
          this.model.clockOffset = reply.now - (sent + Date.now()) / 2;
        }
      }, PING_MS),
    );
  }

  private stopTimers(): void {
    for (const t of this.timers) {
      clearInterval(t);
      clearTimeout(t);
    }
    this.timers = [];
  }

  /** Sends a command; resolves with the refusal's text, or null when it was applied. */
  private async command(frame: { type: string; [field: string]: unknown }): Promise<string | null> {
    if (!this.connection) return 'Not connected.';
    const reply = await this.connection.request(frame);
    return reply.type === 'error' ? errorText(reply) : null;
  }

  private async query<T>(
    frame: { type: string; [field: string]: unknown },
    field: string,
  ): Promise<T> {
    if (!this.connection) throw new Error('Not connected.');
    const reply = await this.connection.request(frame);
    if (reply.type === 'error') throw new Error(errorText(reply));
    return reply[field] as T;
  }

  private async targets(kind: TargetKind, search: string): Promise<ListItem[]> {
    if (kind === 'queue') {
      const queues = await this.query<QueueListEntry[]>({ type: 'queues', search }, 'queues');
      return queues.map((q) => ({
        id: q.id,
        label: `${q.name} (${q.waiting} waiting, ${q.availableAgents} available)`,
      }));
    }
    const agents = await this.query<AgentListEntry[]>({ type: 'agents', search }, 'agents');
    return agents.map((a) => ({ id: a.id, label: `${a.name} (${a.freeSlots} free)` }));
  }

  private readonly paneActions: PaneActions = {
    send: (conversationId, text) => this.command({ type: 'send', conversationId, text }),
    command: (type, conversationId) => this.command({ type, conversationId }),
    openTargetDialog: (kind, conversationId) => this.dialog.open(kind, conversationId),
    wrapUpReasons: (search) => this.query<ListItem[]>({ type: 'wrapUpReasons', search }, 'reasons'),
    wrapUp: (conversationId, reasonId) =>
      this.command({ type: 'wrapUp', conversationId, reasonId }),
    loadOlder: async (conversationId) => {
      const pane = this.model?.panes.get(conversationId);
      if (!pane || !this.connection) return;
      const reply = await this.connection.request({
        type: 'history',
        conversationId,
        beforeSeq: pane.messages[0]?.seq,
      });
      if (reply.type !== 'ok') return;
      applyHistory(pane, reply.messages as never, reply.olderMessages as number);
      this.render();
    },
  };

  private async changeState(): Promise<void> {
    const value = this.state.value;
    const [status, idleCode] = value.startsWith('Idle:')
      ? ['Idle', value.slice(5)]
      : [value, undefined];
    const error = await this.command(
      idleCode === undefined
        ? { type: 'setState', status }
        : { type: 'setState', status, idleCode },
    );
    if (error !== null && this.model)
      notify(this.model, this.serverNow(), 'notice', 'State', error);
    this.render();
  }

  private render(): void {
    const model = this.model;
    if (!model) return;
    this.renderState(model);
    this.offers.update(model.offers, this.serverNow());
    this.renderPanes(model);
    this.renderTasks(model);
    this.renderNotifications(model);
    this.renderHistory(model);
    const waiting = model.offers.size;
    document.title = `${waiting > 0 ? `(${waiting}) ` : ''}${model.agentName} · ccsim agent desktop`;
  }

  private renderState(model: DesktopModel): void {
    const value = model.status === 'Idle' ? `Idle:${model.idleCode ?? ''}` : model.status;
    const options = [
      h('option', { value: 'Available' }, 'Available'),
      ...this.idleCodes.map((c) => h('option', { value: `Idle:${c.id}` }, `Idle: ${c.label}`)),
      model.status === 'RONA' ? h('option', { value: 'RONA', disabled: true }, 'RONA') : null,
      h('option', { value: 'LoggedOut' }, 'Logged out'),
    ];
    // Rebuilt only when the choices change, so that an open dropdown survives other events.
    const key = options.map((o) => o && `${o.value}:${o.disabled}`).join('|');
    if (key !== this.stateKey) {
      replace(this.state, ...options);
      this.stateKey = key;
    }
    this.state.value = value;
    this.state.dataset.status = model.status;
    this.since.textContent = model.since > 0 ? `since ${timeOfDay(model.since)}` : '';
    byId('capacity').textContent =
      `${[...model.panes.values()].filter((p) => p.wrapUp === null).length} / ${model.capacity} conversations`;
  }

  private renderPanes(model: DesktopModel): void {
    for (const [id, view] of this.panes) {
      if (!model.panes.has(id)) {
        view.el.remove();
        this.panes.delete(id);
      }
    }
    for (const pane of model.panes.values()) {
      let view = this.panes.get(pane.conversationId);
      if (view) view.update(pane);
      else {
        view = new PaneView(pane, this.paneActions);
        this.panes.set(pane.conversationId, view);
        this.paneArea.append(view.el);
        if (pane.role !== 'unknown') view.focusComposer();
      }
    }
    this.paneArea.dataset.count = String(model.panes.size);
    byId('no-panes').hidden = model.panes.size > 0 || model.offers.size > 0;
  }

  private renderTasks(model: DesktopModel): void {
    // Rebuilt only when a task changed, so that a focused task button keeps the focus.
    const key = JSON.stringify([...model.tasks.values()]);
    if (key === this.tasksKey) return;
    this.tasksKey = key;
    const list = byId('task-list');
    const items = [...model.tasks.values()].map((task) => {
      const button = h(
        'button',
        {
          type: 'button',
          class: `task task-${task.kind}`,
          'data-conversation': task.conversationId,
        },
        h('span', { class: 'task-title' }, task.title),
        h(
          'span',
          { class: 'task-kind' },
          task.kind === 'wrap-up' ? 'Wrap-up' : task.kind === 'offer' ? 'Offer' : 'Active',
        ),
        h('span', { class: 'task-preview' }, task.preview),
      );
      button.addEventListener('click', () => {
        this.panes.get(task.conversationId)?.focusComposer();
        this.panes.get(task.conversationId)?.el.scrollIntoView({ block: 'nearest' });
      });
      return h('li', {}, button);
    });
    replace(list, ...(items.length > 0 ? items : [h('li', { class: 'empty' }, 'No tasks')]));
  }

  private renderNotifications(model: DesktopModel): void {
    const list = byId('notifications');
    replace(
      list,
      ...(model.notifications.length > 0
        ? model.notifications.map((n) =>
            h(
              'li',
              { class: `note note-${n.kind}` },
              h('span', { class: 'note-method' }, n.kind === 'customer' ? 'WhatsApp' : 'Desktop'),
              h('span', { class: 'note-time' }, timeOfDay(n.at)),
              h('span', { class: 'note-title' }, n.title),
              h('span', { class: 'note-preview' }, n.preview),
            ),
          )
        : [h('li', { class: 'empty' }, 'No notifications')]),
    );
  }

  private renderHistory(model: DesktopModel): void {
    replace(
      byId('history'),
      ...(model.history.length > 0
        ? model.history.map((tile) =>
            h('li', { class: 'tile', 'data-conversation': tile.conversationId }, tile.title),
          )
        : [h('li', { class: 'empty' }, 'No finished conversations yet')]),
    );
  }
}
