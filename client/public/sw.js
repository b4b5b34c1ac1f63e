/* global self */
// Salesdesk's service worker: web push alerts only (no caching; the app is served fresh).
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let alert = { title: 'Salesdesk', body: '', link: '/dashboard' };
  try {
    alert = { ...alert, ...event.data.json() };
  } catch {
    // A push without a readable payload still says something happened.
  }
  event.waitUntil(
    self.registration.showNotification(alert.title, {
      body: alert.body,
      data: { link: alert.link },
      tag: alert.link,
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const link = event.notification.data?.link ?? '/dashboard';
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
      if (!open) return self.clients.openWindow(link);
      // A tab this worker does not control cannot be navigated: open the alert beside it.
      return open
        .focus()
        .then(() => open.navigate(link))
        .catch(() => self.clients.openWindow(link));
    }),
  );
});
