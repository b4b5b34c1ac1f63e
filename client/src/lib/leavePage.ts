/** Leaves the app for another site (Meta's login dialog); a module of its own so tests can see it. */
export function leavePageFor(url: string): void {
  window.location.assign(url);
}
