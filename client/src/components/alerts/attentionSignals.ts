/**
 * What draws the owner's eye when an alert arrives: the count in the tab's title, a
 * short chime, and a browser notification while the tab is in the background.
 */

const BASE_TITLE = 'Salesdesk';

export function showCountInTitle(count: number): void {
  const base = document.title.replace(/^\(\d+\+?\) /, '') || BASE_TITLE;
  document.title = count > 0 ? `(${count > 99 ? '99+' : count}) ${base}` : base;
}

let audio: AudioContext | undefined;

/** Two soft notes; silent where the browser allows no sound yet (no click on the page). */
export function playChime(): void {
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime;
    for (const [index, frequency] of [880, 1320].entries()) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + index * 0.12);
      gain.gain.exponentialRampToValueAtTime(0.15, start + index * 0.12 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + index * 0.12 + 0.3);
      tone.connect(gain).connect(audio.destination);
      tone.start(start + index * 0.12);
      tone.stop(start + index * 0.12 + 0.32);
    }
  } catch {
    // No Web Audio here: the toast and the title still tell.
  }
}

export const canNotify = (): boolean =>
  typeof Notification !== 'undefined' && Notification.permission === 'granted';

/** A system notification while the tab is hidden; a click brings the tab to the alert. */
export function notifyInBrowser(
  alert: { id: string; title: string; body: string; link: string },
  open: (link: string) => void,
): void {
  if (!canNotify() || document.visibilityState === 'visible') return;
  // Tagged like the service worker's push of the same alert: one replaces the other.
  const notification = new Notification(alert.title, { body: alert.body, tag: alert.link });
  notification.onclick = () => {
    window.focus();
    open(alert.link);
    notification.close();
  };
}
