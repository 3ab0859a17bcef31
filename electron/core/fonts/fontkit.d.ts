// fontkit ships no types. pdf-lib describes the part of it that it calls; fontkit 2 provides that part
// for whole-font embedding (pdf-lib's subsetting needs the older @pdf-lib/fontkit fork, so Chamber
// embeds fonts whole; see annotations/exports.ts).
declare module 'fontkit' {
  import type { Fontkit } from 'pdf-lib/cjs/types/fontkit';
  export const create: Fontkit['create'];
}
