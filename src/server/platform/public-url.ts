/**
 * An absolute address on the public site for a path of ours, built from PUBLIC_URL alone. Links the
 * server prints (QR codes on guides and notices) never take their host from the request — Host,
 * X-Forwarded-Host or a query parameter — so nobody can have an official QR code point elsewhere,
 * and a cached one is the same for everyone. Concatenated rather than resolved, so a PUBLIC_URL
 * with a path prefix (https://zwfw.example.gov.cn/bianmin) keeps it.
 */
export function publicLink(publicUrl: string, path: string): string {
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) {
    throw new Error(`publicLink needs a path on this site, got ${JSON.stringify(path)}`);
  }
  return publicUrl.replace(/\/+$/, '') + path;
}
