/**
 * `POST https://host/path` for error messages: the origin and path only. The query string and any
 * `user:password@` part are left out because some APIs carry keys there.
 */
export function describeRequest(method: string, url: string | URL): string {
  if (typeof url === 'string') {
    try {
      url = new URL(url);
    } catch {
      return `${method} (invalid URL)`;
    }
  }
  return `${method} ${url.origin}${url.pathname}`;
}
