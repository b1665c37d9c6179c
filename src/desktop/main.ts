import { App } from './app.js';

/** The page's entry point: the socket is the page's own origin's `/agent`. */
const url = new URL('/agent', location.href);
url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
new App(url.href).start();
