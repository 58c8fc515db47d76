import { describe, expect, it } from 'vitest';
import { answerHeightRequests, heightMessages, naturalMapHeight } from './autoHeight.ts';

describe('naturalMapHeight', () => {
  it('is 0.7 × the width, at least 240 px on a phone and at most 520 px on a wide page', () => {
    expect(naturalMapHeight(320)).toBe(240);
    expect(naturalMapHeight(375)).toBe(263);
    expect(naturalMapHeight(640)).toBe(448);
    expect(naturalMapHeight(1200)).toBe(520);
  });
});

describe('heightMessages', () => {
  it('speaks both the loader format and AMP embed-size', () => {
    expect(heightMessages(612)).toEqual([{ 'shanshui-height': 612 }, { sentinel: 'amp', type: 'embed-size', height: 612 }]);
  });
});

describe('answerHeightRequests', () => {
  const parent = { name: 'parent' };
  const setup = () => {
    const target = new EventTarget();
    const posted: unknown[] = [];
    const stop = answerHeightRequests(target, parent, () => 612, (m) => posted.push(m));
    const send = (data: unknown, source: unknown) => target.dispatchEvent(Object.assign(new Event('message'), { data, source }));
    return { posted, stop, send };
  };

  it("answers the loader's request from the parent page with the current height", () => {
    const { posted, send } = setup();
    send({ 'shanshui-ping': 1 }, parent);
    expect(posted).toEqual([{ 'shanshui-height': 612 }]);
  });

  it('ignores other senders, other messages, and stops when asked', () => {
    const { posted, stop, send } = setup();
    send({ 'shanshui-ping': 1 }, { name: 'another frame' });
    send({ 'shanshui-height': 10 }, parent);
    send('shanshui-ping', parent);
    send(null, parent);
    stop();
    send({ 'shanshui-ping': 1 }, parent);
    expect(posted).toEqual([]);
  });
});
