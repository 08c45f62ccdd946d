import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Reads a PDF back: the text of its pages and the fonts they use, with Mozilla's pdf.js (the legacy
 * build, the one meant for Node). Our own notices are checked with it, and uploaded PDFs (payment
 * vouchers) can be: it treats the file as untrusted (no eval, no system fonts, no network) and reads
 * at most `maxPages` pages, so one call is bounded by the file's size and that count.
 */

export interface PdfFont {
  /** The font's PostScript name as the file gives it, e.g. `BZZZZZ+NotoSansSC-Regular`. */
  name: string;
  /** The font program is inside the file (not left to the reader's machine). */
  embedded: boolean;
  /** Only the glyphs used are embedded: the name carries the six-capital-letter tag `ABCDEF+` (ISO 32000-1, 9.6.4). */
  subset: boolean;
}

export interface PdfContents {
  /** Pages in the file, including any beyond `maxPages` that were not read. */
  pageCount: number;
  /** The text of each page read, in content order; a line break where pdf.js sees the end of a line. */
  pages: string[];
  /** Every font that the pages read draw text with, once each. */
  fonts: PdfFont[];
}

export type UnreadablePdfReason = 'INVALID' | 'ENCRYPTED';

/** The bytes are not a PDF that can be read: broken or not a PDF at all, or protected by a password. */
export class UnreadablePdfError extends Error {
  constructor(
    readonly reason: UnreadablePdfReason,
    options?: ErrorOptions,
  ) {
    super(reason === 'ENCRYPTED' ? 'The PDF is protected by a password' : 'The file is not a readable PDF', options);
    this.name = 'UnreadablePdfError';
  }
}

const SUBSET_TAG = /^[A-Z]{6}\+/;

export function isSubsetFontName(name: string): boolean {
  return SUBSET_TAG.test(name);
}

/**
 * pdf.js's data files: Adobe's CMaps (Chinese text in a font the file does not embed is often coded
 * with them) and the image decoders. Not its copies of the 14 standard fonts: text is read without
 * them, and with them pdf.js reports those fonts as present, which `embedded` must not.
 */
const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const dataDir = (name: string): string => join(PDFJS_DIR, name) + '/';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

/** Imported on first use: pdf.js is large (a quarter second to load) and most processes never read a PDF. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

export interface ReadPdfOptions {
  /** Read at most this many pages (default 20). */
  maxPages?: number;
}

export async function readPdf(bytes: Uint8Array, options: ReadPdfOptions = {}): Promise<PdfContents> {
  const maxPages = options.maxPages ?? 20;
  const { getDocument, OPS, VerbosityLevel } = await loadPdfJs();
  const task = getDocument({
    // A copy: pdf.js takes over the buffer it is given and refuses a Node Buffer.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    enableXfa: false,
    cMapUrl: dataDir('cmaps'),
    cMapPacked: true,
    wasmUrl: dataDir('wasm'),
    iccUrl: dataDir('iccs'),
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (error) {
      throw new UnreadablePdfError(error instanceof Error && error.name === 'PasswordException' ? 'ENCRYPTED' : 'INVALID', { cause: error });
    }
    const pages: string[] = [];
    const fonts = new Map<string, PdfFont>();
    for (let number = 1; number <= Math.min(doc.numPages, maxPages); number++) {
      const page = await doc.getPage(number);
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
      // The fonts are known once the page's drawing operations are: setFont names a loaded font object.
      const operators = await page.getOperatorList();
      operators.fnArray.forEach((fn, i) => {
        if (fn !== OPS.setFont) return;
        const font = page.commonObjs.get(operators.argsArray[i][0] as string) as { name?: string; missingFile?: boolean } | null;
        const name = font?.name;
        if (name && !fonts.has(name)) fonts.set(name, { name, embedded: font.missingFile === false, subset: isSubsetFontName(name) });
      });
      page.cleanup();
    }
    return { pageCount: doc.numPages, pages, fonts: [...fonts.values()] };
  } finally {
    await task.destroy();
  }
}
