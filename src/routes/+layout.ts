// Pages are prerendered, so the service worker can precache them and they open offline.
// A page that needs the server (volunteer pages, later) sets `prerender = false` itself.
export const prerender = true;
export const trailingSlash = 'never';
