import { describe, expect, it } from 'vitest';
import { packErrorText } from '../i18n/index.ts';
import { PackLoadError, packManifestUrl, requestPack } from './loadPack.ts';

const BASE = 'https://maps.example.org/shanshui/index.html';

describe('packManifestUrl', () => {
  it('maps a bare id to a bundled pack and keeps same-origin paths', () => {
    expect(packManifestUrl(null, BASE)).toBe('https://maps.example.org/shanshui/data/changzhi/pack.json');
    expect(packManifestUrl('shanxi', BASE)).toBe('https://maps.example.org/shanshui/data/shanxi/pack.json');
    expect(packManifestUrl('/bureau/packs/lucheng.json', BASE)).toBe('https://maps.example.org/bureau/packs/lucheng.json');
  });

  it('refuses a pack on another origin', () => {
    expect(() => packManifestUrl('https://evil.example/pack.json', BASE)).toThrow(PackLoadError);
    expect(() => packManifestUrl('//evil.example/pack.json', BASE)).toThrow(/other-origin/);
  });
});

describe('requestPack', () => {
  it('never throws: a refused pack is a rejected promise with a reason in both languages', async () => {
    const fetchImpl = (() => {
      throw new Error('must not fetch');
    }) as unknown as typeof fetch;
    const request = requestPack('https://evil.example/pack.json', BASE, fetchImpl);
    const error = await request.pack.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackLoadError);
    expect(packErrorText(error, 'zh')).toMatch(/^数据包不在本站/);
    expect(packErrorText(error, 'en')).toMatch(/^the pack is on another site/);
  });

  it('words an HTTP failure with its status', async () => {
    const fetchImpl = (async () => new Response('', { status: 404 })) as typeof fetch;
    const error = await requestPack('nowhere', BASE, fetchImpl).pack.catch((e: unknown) => e);
    expect(packErrorText(error, 'zh')).toBe('服务器未返回文件（HTTP 404）');
    expect(packErrorText(error, 'en')).toBe('the server did not return the file (HTTP 404)');
  });
});
