/**
 * The page's own scripts run after its first contentful paint (issue 10, ADR 0028).
 *
 * React writes each chunk of a page as `<script src="/_next/static/chunks/…" async>` in the head. On a fast link the
 * chunks arrive while the browser is still parsing the HTML and laying out the first frame (with Chinese text the
 * first layout loads the CJK font: 20–110 ms on this machine), and the browser runs every chunk that has arrived
 * before it paints: the server-rendered screen, already complete, waits for ~200 KB of JavaScript to be evaluated.
 *
 * This transform hands each chunk (its download and its execution) to a small loader that adds the script elements once the first contentful paint has been reported (in
 * the task after it), at once in a hidden page, and after 1 s whatever happens. A tag seen after that point is added
 * at once. Chunks are not preloaded: a preload that ends before the paint is counted as the LCP's too, so the
 * low-priority preloads Next writes (the root error boundary's chunk, which is also one of the chunk tags; the chunk of
 * a `next/dynamic` component rendered on the server, such as a role's home, ADR 0037) go to the loader like a tag (it
 * adds a chunk once). Nothing else in the HTML changes; the RSC payload for navigations (text/x-component) never passes here.
 *
 * `scripts/patch-next.mjs` inlines `createDeferScriptsTransform` (by its source text) into Next's
 * `sendRenderResult` for dynamic text/html responses, so it must stay self-contained: no imports, no outer names.
 */
export function createDeferScriptsTransform() {
  // The trigger is the first contentful paint, not the first frame: a first frame can come before the text is laid
  // out (the CJK font load), and the chunks then ran before the screen appeared. Paint timing is in every engine
  // the app supports; without it, the frame after the first requestAnimationFrame. A hidden page paints nothing:
  // it runs at once. 1 s at most in any case.
  const LOADER =
    "<script>(function(){var q=[],go=0;function add(s){if(document.querySelector('script[src=\"'+s+'\"]'))return;" +
    "var e=document.createElement('script');e.src=s;e.async=true;document.head.appendChild(e)}" +
    "self.__tmRun=function(s){go?add(s):q.push(s)};function run(){if(go)return;go=1;for(var i=0;i<q.length;i++)add(q[i]);q=[]}" +
    "function soon(){setTimeout(run,0)}setTimeout(run,1000);if(document.visibilityState==='hidden')soon();" +
    "else if(self.PerformanceObserver&&(PerformanceObserver.supportedEntryTypes||[]).indexOf('paint')>=0)" +
    "new PerformanceObserver(function(l){if(l.getEntriesByName('first-contentful-paint').length)soon()})" +
    ".observe({type:'paint',buffered:true});else requestAnimationFrame(soon)})()</script>";
  // a chunk's tag (its src captured), or a chunk's preload (its href captured), whatever the order of its attributes
  // (Next's own writes `as` before `href`; React's preload() for a next/dynamic chunk, `href` first): both go to the loader
  const TAG =
    /<script src="(\/_next\/static\/chunks\/[A-Za-z0-9_.~-]+\.js)" async=""><\/script>|<link rel="preload"(?= [^<>]*\bas="script")[^<>]*? href="(\/_next\/static\/chunks\/[A-Za-z0-9_.~-]+\.js)"[^<>]*\/>/g;
  const OPEN = '<script src="';
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let carry = "";
  let loaderSent = false;
  const rewrite = (text) =>
    text.replace(TAG, (_tag, tagSrc, preloadHref) => {
      const src = tagSrc ?? preloadHref;
      const loader = loaderSent ? "" : LOADER;
      loaderSent = true;
      return `${loader}<script>__tmRun(${JSON.stringify(src)})</script>`;
    });
  /** Splits off the end of `text` when it may be the start of a chunk tag that the next piece completes. */
  const hold = (text) => {
    const open = text.lastIndexOf(OPEN);
    if (open !== -1 && text.length - open < 512 && !text.includes("</script>", open)) return [text.slice(0, open), text.slice(open)];
    // any other tag still open at the end: the preload link, or a chunk tag cut before its first quote
    const at = text.lastIndexOf("<");
    if (at !== -1 && text.length - at < 512 && !text.includes(">", at)) return [text.slice(0, at), text.slice(at)];
    return [text, ""];
  };
  return new TransformStream({
    transform(chunk, controller) {
      const [ready, rest] = hold(carry + decoder.decode(chunk, { stream: true }));
      carry = rest;
      if (ready) controller.enqueue(encoder.encode(rewrite(ready)));
    },
    flush(controller) {
      const text = carry + decoder.decode();
      if (text) controller.enqueue(encoder.encode(rewrite(text)));
    },
  });
}
