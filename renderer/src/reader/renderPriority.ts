/**
 * Pages on screen paint before anything else: neighbours kept ready for scrolling and every text
 * layer wait until no on-screen page is still rendering. On two cores, five pages and their text
 * rendering at once made a jump wait for all of them.
 */
let urgentRenders = 0;
let waiting: (() => void)[] = [];
let releasing = false;

function release(): void {
  if (urgentRenders > 0 || releasing) return;
  releasing = true;
  // Lesser work starts once a frame has shown the on-screen pages (their "ready" is committed in
  // the frame after their render ends): started at once, a neighbour's canvas held that frame back.
  requestAnimationFrame(() =>
    requestAnimationFrame(() =>
      setTimeout(() => {
        releasing = false;
        if (urgentRenders > 0) return;
        const ready = waiting;
        waiting = [];
        for (const resume of ready) resume();
      }, 0),
    ),
  );
}

/** Runs an on-screen page's render; lesser work waits for it. */
export async function urgent<T>(work: () => Promise<T>): Promise<T> {
  urgentRenders += 1;
  try {
    return await work();
  } finally {
    urgentRenders -= 1;
    release();
  }
}

/**
 * Resolves once no on-screen page is rendering. Checked a task later, so the on-screen pages
 * mounted in the same commit (whose effects run after their neighbours') have registered first.
 */
export function whenUrgentDone(): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(() => {
      if (urgentRenders === 0 && !releasing) resolve();
      else waiting.push(resolve);
    }, 0);
  });
}

let backgroundQueue: Promise<unknown> = Promise.resolve();

/**
 * Off-screen work (a neighbour's canvas), one at a time once the on-screen pages are done: a page
 * jumped to next waits for at most one of them, not for four drawn at once.
 */
export function inBackground<T>(work: () => Promise<T> | undefined): Promise<T | undefined> {
  const run = backgroundQueue.then(() => whenUrgentDone()).then(work);
  backgroundQueue = run.catch(() => undefined);
  return run;
}
