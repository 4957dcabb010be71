// cdp.mjs: headless Chromium driven over the DevTools protocol, with nothing but Node (20, run
// with --experimental-websocket): a static server for the page, the browser, its console, real
// mouse and keyboard events, and screenshots decoded to RGB. No npm package is needed.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, extname, normalize } from 'node:path';
import { inflateSync } from 'node:zlib';

if (typeof WebSocket === 'undefined')
  throw new Error('this Node has no WebSocket: run it as node --experimental-websocket (Node 20.10 or later)');

const kTypes = {
  '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.data': 'application/octet-stream', '.json': 'application/json', '.png': 'image/png',
};

// Serves `folder` on 127.0.0.1 (a free port), as any static host would: no special headers.
export function serve(folder) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^\/+/, '');
    const file = join(folder, path || 'index.html');
    if (!file.startsWith(folder) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'Content-Type': kTypes[extname(file)] || 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class Browser {
  static async launch(width, height) {
    const profile = mkdtempSync(join(tmpdir(), 'nnplay-chromium-'));
    const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
    const proc = spawn(chromium, [
      '--headless', '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      '--disable-quic', `--user-data-dir=${profile}`, `--window-size=${width},${height}`,
      '--remote-debugging-port=0', 'about:blank',
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (d) => { stderr += d; });
    const portFile = join(profile, 'DevToolsActivePort');
    for (let k = 0; k < 200 && !existsSync(portFile); ++k) await sleep(100);
    if (!existsSync(portFile)) throw new Error('chromium did not start: ' + stderr.slice(-2000));
    const port = readFileSync(portFile, 'utf8').split('\n')[0];
    let page;
    for (let k = 0; k < 50 && !page; ++k) {
      const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
      page = targets.find((t) => t.type === 'page');
      if (!page) await sleep(100);
    }
    const b = new Browser(proc, profile);
    b.downloads = join(profile, 'downloads');
    await b.connect(page.webSocketDebuggerUrl);
    // The page's file pickers are answered by the test (chooseFiles), not shown.
    await b.send('Page.setInterceptFileChooserDialog', { enabled: true });
    // Downloads land in a folder of the profile (Browser.setDownloadBehavior did not, headless).
    await b.send('Page.setDownloadBehavior', { behavior: 'allow', downloadPath: b.downloads });
    await b.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
    await b.send('Runtime.enable');
    await b.send('Page.enable');
    return b;
  }

  constructor(proc, profile) {
    this.proc = proc;
    this.profile = profile;
    this.next = 1;
    this.pending = new Map();
    this.console = []; // every line the page printed (the app's stdout and stderr)
    this.errors = [];  // uncaught exceptions
    this.choosers = []; // file pickers the page opened, not answered yet (backendNodeId)
    this.dialogs = [];  // the types of the dialogs the page opened ('beforeunload', ...)
  }

  // Waits for the page's next dialog and answers it (stay: accept false); its type, or null.
  async answerDialog(accept, seconds = 5) {
    for (const end = Date.now() + seconds * 1000; !this.dialogs.length && Date.now() < end;) await sleep(100);
    if (!this.dialogs.length) return null;
    await this.send('Page.handleJavaScriptDialog', { accept });
    return this.dialogs.shift();
  }

  // Answers the page's next file picker with these files (absolute paths).
  async chooseFiles(files, seconds = 10) {
    for (const end = Date.now() + seconds * 1000; !this.choosers.length && Date.now() < end;) await sleep(100);
    if (!this.choosers.length) return false;
    await this.send('DOM.setFileInputFiles', { files, backendNodeId: this.choosers.shift() });
    return true;
  }

  // The file the browser downloaded under `name`, once it is there (or null).
  async downloaded(name, seconds = 10) {
    const path = join(this.downloads, name);
    for (const end = Date.now() + seconds * 1000; Date.now() < end; await sleep(100))
      if (existsSync(path)) { await sleep(200); return readFileSync(path, 'utf8'); }
    return null;
  }

  connect(url) {
    return new Promise((resolve, reject) => {
      this.ws = new WebSocket(url);
      this.ws.onopen = resolve;
      this.ws.onerror = reject;
      this.ws.onmessage = (m) => {
        const msg = JSON.parse(m.data);
        if (msg.id && this.pending.has(msg.id)) {
          const { ok, fail } = this.pending.get(msg.id);
          this.pending.delete(msg.id);
          if (msg.error) fail(new Error(JSON.stringify(msg.error))); else ok(msg.result);
        } else if (msg.method === 'Runtime.consoleAPICalled') {
          const text = msg.params.args.map((a) => a.value ?? a.description ?? '').join(' ');
          for (const line of text.split('\n')) this.console.push(line);
        } else if (msg.method === 'Page.javascriptDialogOpening') {
          this.dialogs.push(msg.params.type); // answered by the test (answerDialog)
        } else if (msg.method === 'Page.fileChooserOpened') {
          this.choosers.push(msg.params.backendNodeId);
        } else if (msg.method === 'Runtime.exceptionThrown') {
          this.errors.push(msg.params.exceptionDetails.exception?.description || msg.params.exceptionDetails.text);
        }
      };
    });
  }

  send(method, params = {}) {
    const id = this.next++;
    this.ws.send(JSON.stringify({ id, method, params }));
    return new Promise((ok, fail) => this.pending.set(id, { ok, fail }));
  }

  async evaluate(expression) {
    const r = await this.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    return r.result.value;
  }

  async goto(url) { await this.send('Page.navigate', { url }); }

  // A click as a person makes it: move there, press, hold a little, release.
  // `button`: 'left' or 'right'.
  async click(x, y, button = 'left') {
    const buttons = button === 'right' ? 2 : 1;
    await this.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y });
    await sleep(100);
    await this.send('Input.dispatchMouseEvent', { type: 'mousePressed', x, y, button, buttons, clickCount: 1 });
    await sleep(120);
    await this.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x, y, button, buttons: 0, clickCount: 1 });
    await sleep(100);
  }

  // A key held for a few frames: `key` as the DOM names it (' ', 'F1', 'Escape'), `code` ('Space');
  // `ctrl`: with Control held.
  async press(key, code, keyCode, ctrl = false) {
    const common = { key, code, windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode, modifiers: ctrl ? 2 : 0 };
    if (ctrl) {
      await this.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Control', code: 'ControlLeft', windowsVirtualKeyCode: 17, modifiers: 2 });
      await sleep(50);
    }
    await this.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...common });
    if (key.length === 1 && !ctrl) await this.send('Input.dispatchKeyEvent', { type: 'char', text: key, ...common });
    await sleep(120);
    await this.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common });
    if (ctrl) await this.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Control', code: 'ControlLeft', windowsVirtualKeyCode: 17 });
    await sleep(100);
  }

  // The page as RGB pixels: { width, height, at(x, y) -> [r, g, b] }.
  async screenshot() {
    const { data } = await this.send('Page.captureScreenshot', { format: 'png' });
    return { png: Buffer.from(data, 'base64'), ...decodePng(Buffer.from(data, 'base64')) };
  }

  async close() {
    try { this.ws.close(); } catch (e) { /* already gone */ }
    this.proc.kill('SIGKILL');
    await sleep(200);
    rmSync(this.profile, { recursive: true, force: true });
  }
}

// An 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes) decoded with Node's zlib.
export function decodePng(buf) {
  let pos = 8, width = 0, height = 0, channels = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('ascii', pos + 4, pos + 8);
    const body = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[12] !== 0) throw new Error('only 8-bit non-interlaced PNGs');
      channels = { 2: 3, 6: 4 }[body[9]];
      if (!channels) throw new Error('only RGB or RGBA PNGs');
    } else if (type === 'IDAT') idat.push(body);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels, px = Buffer.alloc(height * stride);
  for (let y = 0; y < height; ++y) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; ++x) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? px[y * stride + x - channels] : 0;
      const b = y > 0 ? px[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? px[(y - 1) * stride + x - channels] : 0;
      let p = 0;
      if (filter === 1) p = a;
      else if (filter === 2) p = b;
      else if (filter === 3) p = (a + b) >> 1;
      else if (filter === 4) {
        const q = a + b - c, pa = Math.abs(q - a), pb = Math.abs(q - b), pc = Math.abs(q - c);
        p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      px[y * stride + x] = (v + p) & 255;
    }
  }
  return {
    width, height,
    at: (x, y) => {
      const i = (Math.round(y) * width + Math.round(x)) * channels;
      return [px[i], px[i + 1], px[i + 2]];
    },
  };
}
