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

interface Queued {
  soon: boolean;
  run: () => void;
}
const queue: Queued[] = [];
const stuckMs = 2000;
let running = false;

async function drain(): Promise<void> {
  if (running) return;
  running = true;
  try {
    for (;;) {
      await whenUrgentDone();
      // What is on screen (its text layer) before what is not; otherwise in the order asked.
      const index = Math.max(0, queue.findIndex((q) => q.soon));
      const next = queue.splice(index, 1)[0];
      if (!next) return;
      next.run();
      // One stuck piece of work (a page of a closing document) does not stop the rest for long.
      await Promise.race([current, new Promise((resolve) => setTimeout(resolve, stuckMs))]);
    }
  } finally {
    running = false;
  }
}
let current: Promise<unknown> = Promise.resolve();

/**
 * Off-screen work (a neighbour's canvas, every text layer), one at a time once the on-screen pages
 * are done and shown: a page jumped to next waits for at most one of them, and five text layers
 * built at once no longer hold back the frame that shows it. `soon` puts work for a page on screen
 * ahead of the rest.
 */
export function inBackground<T>(work: () => Promise<T> | undefined, soon = false): Promise<T | undefined> {
  return new Promise<T | undefined>((resolve, reject) => {
    queue.push({
      soon,
      run: () => {
        const done = Promise.resolve().then(work);
        current = done.catch(() => undefined);
        done.then(resolve, reject);
      },
    });
    void drain();
  });
}
