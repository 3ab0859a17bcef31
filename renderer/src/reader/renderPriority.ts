/**
 * Pages on screen paint before anything else: neighbours kept ready for scrolling and every text
 * layer wait until no on-screen page is still rendering. On two cores, five pages and their text
 * rendering at once made a jump wait for all of them.
 */
let urgentRenders = 0;
let waiting: (() => void)[] = [];

function release(): void {
  if (urgentRenders > 0) return;
  const ready = waiting;
  waiting = [];
  for (const resume of ready) resume();
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
      if (urgentRenders === 0) resolve();
      else waiting.push(resolve);
    }, 0);
  });
}
