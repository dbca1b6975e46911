import type { Request } from 'express';

/** The key a request presents: `Authorization: Bearer <key>` first, else the link's `?key=`. */
export function requestKey(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header) {
    const m = /^Bearer\s+(\S{1,200})$/i.exec(header.trim());
    return m?.[1];
  }
  const q = (req.query as Record<string, unknown>)['key'];
  return typeof q === 'string' && q.length > 0 && q.length <= 200 ? q : undefined;
}

/** Base for absolute links: PUBLIC_URL when behind a proxy, else the address the request used. */
export function publicBase(req: Request, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
