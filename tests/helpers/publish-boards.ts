import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';
import { addOp, makeText } from './fixtures';
import { connectClient, keyOf } from './socket-clients';
import { ADMIN } from './export-jobs';

export const SEMINAR = {
  title: '第21回地域福祉セミナー',
  date: '2023-11-16',
  agenda: [
    { start: '13:00', title: '開会' },
    { start: '13:15', title: '基調講演' },
    { start: '14:30', title: 'パネルディスカッション' },
  ],
} as const;

/** Words the recorder writes: one in the keynote's column, one in the panel's. */
export const KEYNOTE_NOTE = '地域の支え合いは顔の見える関係から';
export const PANEL_NOTE = '見守りの担い手を増やす';

export interface SeminarBoard {
  id: string;
  links: { draw: string; view: string; present: string };
}

/** A board made as the organiser makes the seminar: title, date, the programme (so its template). */
export async function createSeminar(url: string, body: object = SEMINAR): Promise<SeminarBoard> {
  const res = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { ...ADMIN, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`create: ${res.status} ${await res.text()}`);
  return (await res.json()) as SeminarBoard;
}

/** The recorder's text in the keynote's (second of three) and the panel's (third) columns. */
export async function writeNotes(url: string, board: SeminarBoard): Promise<void> {
  const recorder = await connectClient(url, board.id, keyOf(board.links.draw));
  await recorder.send(
    addOp(makeText('note-keynote', KEYNOTE_NOTE, 1400, 900), makeText('note-panel', PANEL_NOTE, 2700, 1300)),
  );
  recorder.close();
}

export async function setConsent(url: string, id: string, consentPublish: boolean): Promise<void> {
  const res = await fetch(`${url}/api/boards/${id}`, {
    method: 'PATCH',
    headers: { ...ADMIN, 'content-type': 'application/json' },
    body: JSON.stringify({ consentPublish }),
  });
  if (res.status !== 200) throw new Error(`consent: ${res.status} ${await res.text()}`);
}

/** Every entry of a zip, read with yauzl (CRCs checked as it inflates). */
export async function unzipAll(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    fromBuffer(bytes, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z))),
  );
  const files = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: Entry) => {
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          files.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
        stream.on('error', reject);
      });
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return files;
}

/** pdftotext of a PDF's bytes. */
export function pdfText(bytes: Buffer, dir: string, name = 'read.pdf'): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', [file, '-']).toString();
}

/** A minimal ISO media header: what the publish route checks (the ftyp box). */
export function ftypBytes(major: string, compatible: string[] = ['isom', 'avc1']): Buffer {
  const size = 16 + 4 * compatible.length;
  const head = Buffer.alloc(size);
  head.writeUInt32BE(size, 0);
  head.write('ftyp', 4, 'latin1');
  head.write(major, 8, 'latin1');
  head.writeUInt32BE(0x200, 12);
  compatible.forEach((b, i) => head.write(b, 16 + 4 * i, 'latin1'));
  return Buffer.concat([head, Buffer.from([0, 0, 0, 8]), Buffer.from('free', 'latin1')]);
}
