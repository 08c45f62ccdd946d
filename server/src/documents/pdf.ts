import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { create, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';

/**
 * The PDFs the server hands out (notices, later the district's): pdfkit with one typeface, Noto Sans SC
 * Regular, that covers Chinese and Latin text. The font is a whole TrueType file shipped by an npm
 * package (nothing is fetched or looked up on the machine at run time) and pdfkit embeds only the
 * glyphs a document uses, so a one-page notice stays around 20 KB. A TrueType font rather than a CFF
 * one (Noto Sans Hans .otf): measured on the same notice, the CFF subset came out three times larger
 * (67 KB against 21 KB) and four times slower to write.
 */
const FONT_FILE = createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

/** The 10 MB file is read once and parsed once per process: fontkit reads its tables lazily and keeps them. */
let font: Promise<Font> | undefined;

function loadFont(): Promise<Font> {
  if (!font) {
    font = readFile(FONT_FILE).then((bytes) => {
      const parsed = create(bytes);
      if ('fonts' in parsed) throw new Error(`${FONT_FILE} is a font collection, not one font`);
      return parsed;
    });
    font.catch(() => (font = undefined)); // a failed read is retried by the next document
  }
  return font;
}

export interface PdfOptions {
  /** The document title, shown by viewers in the window title (pdfkit's displayTitle). */
  title: string;
  /** The natural language of the text, for screen readers and search: BCP 47, as the UI's languages. */
  lang: string;
  author?: string;
  subject?: string;
  /**
   * The most pages the document may take. Writing past it throws: a document whose text grows
   * with its data must say how far, so rendering one stays a bounded piece of CPU work.
   */
  maxPages: number;
  /** The creation date written in the file (default: now); a fixed date gives byte-identical files. */
  createdAt?: Date;
}

/** A4 with 2.5 cm margins, the paper of Chinese official documents. */
const PAGE = { size: 'A4', margins: { top: 72, bottom: 72, left: 72, right: 72 } } as const;

/**
 * Writes one PDF: `draw` lays out the pages on a pdfkit document whose font is already Noto Sans SC
 * (12 pt); its `text`, `moveDown`, `fontSize` and so on are pdfkit's. The whole document is laid out
 * and written synchronously in one turn of the event loop (fonts are shared between documents
 * safely because no two are ever mid-write at once), then collected into a Buffer.
 */
export async function renderPdf(options: PdfOptions, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const sharedFont = await loadFont();
  return new Promise<Buffer>((resolve, reject) => {
    const doc = new PDFDocument({
      ...PAGE,
      lang: options.lang,
      displayTitle: true,
      info: {
        Title: options.title,
        ...(options.author === undefined ? {} : { Author: options.author }),
        ...(options.subject === undefined ? {} : { Subject: options.subject }),
        CreationDate: options.createdAt ?? new Date(),
      },
      // pdfkit takes a parsed fontkit font wherever it takes a font file (PDFFontFactory.open); its
      // types only know file names. Giving it here also keeps pdfkit from loading Helvetica.
      font: sharedFont as unknown as string,
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    let pages = 1;
    doc.on('pageAdded', () => {
      pages += 1;
      if (pages > options.maxPages) throw new RangeError(`${options.title}: more than ${options.maxPages} page(s)`);
    });
    try {
      draw(doc);
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
