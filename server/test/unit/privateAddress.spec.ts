import { isPrivateHost, resolvesPrivate } from '../../src/modules/alerts/privateAddress';

test.each([
  'localhost',
  'push.localhost',
  '127.0.0.1',
  '10.1.2.3',
  '172.20.0.5',
  '192.168.1.1',
  '169.254.169.254',
  '100.64.0.1',
  '0.0.0.0',
  '[::1]',
  '[fd00::1]',
  '[fe80::1]',
  '[::ffff:127.0.0.1]',
  'printer.local',
])('%s is this machine or a private network: no push goes there', (host) => {
  expect(isPrivateHost(host)).toBe(true);
});

test.each(['fcm.googleapis.com', 'updates.push.services.mozilla.com', '8.8.8.8', '172.32.0.1'])(
  '%s may be a push service',
  (host) => {
    expect(isPrivateHost(host)).toBe(false);
  },
);

test('a name is judged by what it resolves to', async () => {
  expect(await resolvesPrivate('localhost')).toBe(true);
  expect(await resolvesPrivate('127.0.0.1')).toBe(true);
});
