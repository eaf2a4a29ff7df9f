// PetFul's service worker: web push only. It caches nothing and handles no fetch, so the
// app always loads from the network. The platform pushes JSON {title, body, link, tag};
// this shows it, and a click opens (or focuses) the page it links to. Served from the site's
// root (Vite copies public/ into dist/), so its scope is the whole app.
"use strict";

const FALLBACK_LINK = "/notifications";

// A path of this app only (the same rule as the inbox's deepLink()): never another site.
function appPath(link) {
  return typeof link === "string" &&
    link.startsWith("/") &&
    !link.startsWith("//") &&
    !link.includes("\\")
    ? link
    : FALLBACK_LINK;
}

function payload(data) {
  if (!data) return {};
  try {
    const value = data.json();
    return value && typeof value === "object" ? value : {};
  } catch {
    return { body: data.text() };
  }
}

// A new version takes over at once (there is no cache whose versions could disagree).
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("push", (event) => {
  const message = payload(event.data);
  const title = typeof message.title === "string" && message.title ? message.title : "PetFul";
  const options = {
    body: typeof message.body === "string" ? message.body : "",
    icon: "/favicon.svg",
    lang: "ko",
    data: { link: appPath(message.link) },
  };
  if (typeof message.tag === "string" && message.tag) options.tag = message.tag;
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL(
    appPath(event.notification.data && event.notification.data.link),
    self.location.origin,
  );
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const open = windows.find((client) => new URL(client.url).origin === url.origin);
      if (open) {
        const focused = await open.focus();
        if (focused.url === url.href) return;
        try {
          // Works on pages this worker controls (clients.claim() above).
          await focused.navigate(url.href);
          return;
        } catch {
          // a page opened before the worker: a new window instead
        }
      }
      await self.clients.openWindow(url.href);
    })(),
  );
});
