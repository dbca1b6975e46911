import type { BoardDocument } from '../../shared/board';
import { isoDate, japaneseDate, parseEventDate } from '../../shared/event-date';
import { exportFileName, type ExportFile } from '../../shared/file-names';
import { PUBLISH_FILES } from '../../shared/publish';
import type { TextSection } from './board-text';
import { escapeXml } from './svg-export';

/** A file of the bundle, as the page links it. */
export interface PublishedFile {
  name: (typeof PUBLISH_FILES)[keyof typeof PUBLISH_FILES];
  bytes: number;
}

const TEXT = {
  suffix: 'グラフィックレコーディング',
  recordedOn: (date: string) => `${date}のグラフィックレコーディングです。`,
  figure: 'ボード全体の画像です。書かれた文字は「ボードに書かれたこと」にも載せています。',
  fallbackAlt: (title: string) => `${title}のグラフィックレコーディング(ボード全体の画像)`,
  timelapse: 'タイムラプス動画',
  timelapseNote: 'ボードが描かれていく様子を早送りで再生します。音声はありません。',
  boardText: 'ボードに書かれたこと',
  noText: '(文字の書き込みはありません)',
  files: 'ファイル',
  made: 'grareco で作成しました。',
} as const;

/** The page's own style: no fonts, scripts or anything else fetched. */
const STYLE = `
:root { color-scheme: light; }
body { margin: 0; font-family: "Noto Sans JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic", Meiryo, sans-serif; color: #1f2328; background: #ffffff; line-height: 1.7; }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; line-height: 1.4; margin: 1.5rem 0 0.25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; border-bottom: 2px solid #d0d7de; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 0.25rem; }
figure { margin: 1rem 0; }
img, video { display: block; max-width: 100%; height: auto; border: 1px solid #d0d7de; }
figcaption, .note, footer { color: #4b5563; font-size: 0.9rem; }
a { color: #0550ae; }
footer { margin-top: 3rem; padding-bottom: 2rem; }
`;

function paragraphs(texts: readonly string[]): string {
  if (texts.length === 0) return `<p class="note">${TEXT.noText}</p>`;
  return texts.map((t) => `<p>${escapeXml(t).replace(/\r?\n/g, '<br>')}</p>`).join('\n');
}

function sectionHtml(section: TextSection): string {
  if (!section.heading) return paragraphs(section.texts);
  const { start, title } = section.heading;
  return `<section>\n<h3><time>${escapeXml(start)}</time> ${escapeXml(title)}</h3>\n${paragraphs(section.texts)}\n</section>`;
}

function size(bytes: number): string {
  return bytes >= 1_000_000
    ? `${(bytes / 1_000_000).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1000))} kB`;
}

function dateHtml(written: string): string | null {
  if (!written.trim()) return null;
  const date = parseEventDate(written);
  return date ? `<time datetime="${isoDate(date)}">${japaneseDate(date)}</time>` : escapeXml(written.trim());
}

/**
 * The bundle's index.html: the board as an image with its text alternative, the board's words
 * as text under the programme's headings (for screen readers and search), the files to take
 * away. Japanese like the event; no script, no font or address outside the bundle.
 */
export function publishPage(
  doc: BoardDocument,
  sections: readonly TextSection[],
  files: readonly PublishedFile[],
): string {
  const title = escapeXml(doc.title);
  const alt = escapeXml(doc.meta.altText.trim() || TEXT.fallbackAlt(doc.title));
  const date = dateHtml(doc.meta.date);
  const has = (name: PublishedFile['name']) => files.find((f) => f.name === name);
  const named = (what: ExportFile) =>
    escapeXml(exportFileName({ title: doc.title, date: doc.meta.date }, what));
  const links: string[] = [];
  const pdf = has(PUBLISH_FILES.pdf);
  if (pdf)
    links.push(
      `<a href="${pdf.name}" type="application/pdf" download="${named('pdfBoard')}">PDF(文字を検索できます・${size(pdf.bytes)})</a>`,
    );
  const png = has(PUBLISH_FILES.png);
  if (png)
    links.push(
      `<a href="${png.name}" type="image/png" download="${named('pngWeb')}">PNG 画像(${size(png.bytes)})</a>`,
    );
  const svg = has(PUBLISH_FILES.svg);
  if (svg)
    links.push(
      `<a href="${svg.name}" type="image/svg+xml" download="${named('svg')}">SVG 画像(拡大しても粗くなりません・${size(svg.bytes)})</a>`,
    );
  const video = has(PUBLISH_FILES.video);
  if (video)
    links.push(`<a href="${video.name}" type="video/mp4">${TEXT.timelapse} MP4(${size(video.bytes)})</a>`);
  const { width: W, height: H } = doc.meta;
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}|${TEXT.suffix}</title>
<meta name="description" content="${alt}">
<meta name="generator" content="grareco">
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${title}</h1>
${date ? `<p>${TEXT.recordedOn(date)}</p>` : ''}
</header>
<main>
<figure>
<img src="${PUBLISH_FILES.svg}" width="${W}" height="${H}" alt="${alt}">
<figcaption>${TEXT.figure}</figcaption>
</figure>
${
  video
    ? `<section aria-labelledby="timelapse">
<h2 id="timelapse">${TEXT.timelapse}</h2>
<video controls preload="metadata" src="${video.name}" width="1920" height="1080" aria-describedby="timelapse-note"></video>
<p id="timelapse-note" class="note">${TEXT.timelapseNote}</p>
</section>`
    : ''
}
<section aria-labelledby="board-text">
<h2 id="board-text">${TEXT.boardText}</h2>
${sections.map(sectionHtml).join('\n')}
</section>
<section aria-labelledby="files">
<h2 id="files">${TEXT.files}</h2>
<ul>
${links.map((l) => `<li>${l}</li>`).join('\n')}
</ul>
</section>
</main>
<footer>
<p>${TEXT.made}</p>
</footer>
</body>
</html>
`;
}
