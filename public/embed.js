/*!
 * Shanshui embed loader (no dependencies). Put it once on a page that holds widgets:
 *   <iframe data-shanshui-embed src=".../embed.html?..." title="..." style="width:100%;border:0" height="480"></iframe>
 *   <script async src=".../embed.js"></script>
 * Each widget posts {"shanshui-height": px} (or AMP's {sentinel:"amp", type:"embed-size", height})
 * to this page; the message is matched to its iframe by event.source and the iframe is resized.
 * Widgets post on change only, so the loader asks each for its height ({"shanshui-ping": 1}).
 */
(function () {
  'use strict';
  if (window.shanshuiEmbedLoader) return;
  window.shanshuiEmbedLoader = { version: 2 };
  var MAX_HEIGHT = 4000;
  var SELECTOR = 'iframe[data-shanshui-embed]';

  function heightOf(data) {
    if (typeof data === 'string') {
      if (data.indexOf('shanshui-height') < 0 && data.indexOf('embed-size') < 0) return null;
      try {
        data = JSON.parse(data);
      } catch (e) {
        return null;
      }
    }
    if (!data || typeof data !== 'object') return null;
    var height = data['shanshui-height'];
    if (height === undefined && data.sentinel === 'amp' && data.type === 'embed-size') height = data.height;
    height = Number(height);
    return height > 0 && height <= MAX_HEIGHT ? Math.ceil(height) : null;
  }

  function originOf(url) {
    try {
      return new URL(url, document.baseURI).origin;
    } catch (e) {
      return null;
    }
  }

  window.addEventListener('message', function (event) {
    var height = heightOf(event.data);
    if (height === null) return;
    // Looked up on every message, so widgets added after the page loaded are sized too.
    var frames = document.querySelectorAll(SELECTOR);
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      // Only the widget the iframe was pointed at may size it, not a page it navigated to.
      if (originOf(frame.src) !== event.origin) return;
      frame.style.height = height + 'px';
      frame.setAttribute('height', String(height));
      return;
    }
  });

  // Nothing private in it, so '*' (a frame still on about:blank drops it without an error).
  function ping(frame) {
    if (frame.contentWindow) frame.contentWindow.postMessage({ 'shanshui-ping': 1 }, '*');
  }
  var frames = document.querySelectorAll(SELECTOR);
  for (var i = 0; i < frames.length; i++) ping(frames[i]);
  // Widgets loaded later ('load' does not bubble; capturing sees it).
  document.addEventListener('load', function (event) {
    if (event.target.matches && event.target.matches(SELECTOR)) ping(event.target);
  }, true);
})();
