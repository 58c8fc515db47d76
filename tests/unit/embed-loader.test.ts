/**
 * public/embed.js, the loader news pages include: run in a minimal window with two widget iframes
 * and fed the messages a page can receive.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

const LOADER = readFileSync(path.resolve(import.meta.dirname, '../../public/embed.js'), 'utf8');

interface FakeFrame {
  src: string;
  contentWindow: { postMessage: (message: unknown, targetOrigin: string) => void; received: unknown[] };
  style: { height: string };
  attributes: Record<string, string>;
  setAttribute: (name: string, value: string) => void;
}

function page(frameSources: string[]) {
  const frames: FakeFrame[] = frameSources.map((src) => ({
    src,
    contentWindow: {
      received: [] as unknown[],
      postMessage(this: { received: unknown[] }, message: unknown) {
        this.received.push(message);
      },
    },
    style: { height: '' },
    attributes: {},
    setAttribute(this: FakeFrame, name: string, value: string) {
      this.attributes[name] = value;
    },
  }));
  const listeners: ((event: unknown) => void)[] = [];
  const window: Record<string, unknown> = {
    addEventListener: (type: string, listener: (event: unknown) => void) => {
      if (type === 'message') listeners.push(listener);
    },
  };
  const loadListeners: ((event: unknown) => void)[] = [];
  const document = {
    baseURI: 'https://news.example/2025/wetlands.html',
    querySelectorAll: (selector: string) => (selector === 'iframe[data-shanshui-embed]' ? frames : []),
    addEventListener: (type: string, listener: (event: unknown) => void) => {
      if (type === 'load') loadListeners.push(listener);
    },
  };
  const load = (): unknown => runInNewContext(LOADER, { window, document, URL });
  /** An element finishing loading: 'load' reaches the document's capturing listeners. */
  const loaded = (target: object) => loadListeners.forEach((l) => l({ target }));
  const send = (data: unknown, source: object, origin = 'https://maps.example') => listeners.forEach((l) => l({ data, source, origin }));
  return { frames, load, send, loaded, listenerCount: () => listeners.length };
}

describe('the embed loader', () => {
  it('sizes each iframe from the messages of its own widget, matched by event.source', () => {
    const p = page(['https://maps.example/embed.html?county=140428', 'https://maps.example/embed.html?layers=wetlands']);
    p.load();
    p.send({ 'shanshui-height': 571.2 }, p.frames[1].contentWindow);
    p.send({ 'shanshui-height': 430 }, p.frames[0].contentWindow);
    expect(p.frames.map((f) => f.style.height)).toEqual(['430px', '572px']);
    expect(p.frames[1].attributes.height).toBe('572');
  });

  it("also takes AMP's embed-size message and JSON strings", () => {
    const p = page(['https://maps.example/embed.html']);
    p.load();
    p.send({ sentinel: 'amp', type: 'embed-size', height: 333 }, p.frames[0].contentWindow);
    expect(p.frames[0].style.height).toBe('333px');
    p.send(JSON.stringify({ 'shanshui-height': 444 }), p.frames[0].contentWindow);
    expect(p.frames[0].style.height).toBe('444px');
  });

  it('ignores strangers, other origins, nonsense heights and other messages', () => {
    const p = page(['https://maps.example/embed.html']);
    p.load();
    p.send({ 'shanshui-height': 500 }, {});
    p.send({ 'shanshui-height': 500 }, p.frames[0].contentWindow, 'https://evil.example');
    for (const height of [0, -5, 1e6, 'tall', null]) p.send({ 'shanshui-height': height }, p.frames[0].contentWindow);
    p.send({ type: 'embed-size', height: 500 }, p.frames[0].contentWindow);
    p.send('not json {', p.frames[0].contentWindow);
    expect(p.frames[0].style.height).toBe('');
  });

  it('installs one listener even when a page includes it twice', () => {
    const p = page(['https://maps.example/embed.html']);
    p.load();
    p.load();
    expect(p.listenerCount()).toBe(1);
  });

  it('asks every widget for its height when it starts, and each widget that loads later', () => {
    const p = page(['https://maps.example/embed.html', 'https://maps.example/embed.html?dark=1']);
    p.load();
    expect(p.frames.map((f) => f.contentWindow.received)).toEqual([[{ 'shanshui-ping': 1 }], [{ 'shanshui-ping': 1 }]]);
    // A widget iframe (re)loading is asked again; other elements are not.
    p.loaded({ ...p.frames[1], matches: (selector: string) => selector === 'iframe[data-shanshui-embed]' });
    p.loaded({ matches: () => false, contentWindow: p.frames[0].contentWindow });
    expect(p.frames[1].contentWindow.received).toHaveLength(2);
    expect(p.frames[0].contentWindow.received).toHaveLength(1);
  });
});

