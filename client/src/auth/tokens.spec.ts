import { clearTokens, getAccessToken, getRefreshToken, setTokens, subscribeTokens } from './tokens';

const pair = { accessToken: 'access-1', refreshToken: 'refresh-1' };

afterEach(() => {
  window.localStorage.clear();
});

describe('tokens', () => {
  it('starts signed out', () => {
    expect(getAccessToken()).toBeNull();
    expect(getRefreshToken()).toBeNull();
  });

  it('stores both tokens in localStorage and clears them', () => {
    setTokens(pair);
    expect(getAccessToken()).toBe('access-1');
    expect(getRefreshToken()).toBe('refresh-1');
    expect(window.localStorage.length).toBe(2);

    clearTokens();
    expect(getAccessToken()).toBeNull();
    expect(getRefreshToken()).toBeNull();
    expect(window.localStorage.length).toBe(0);
  });

  it('notifies subscribers on every change until they unsubscribe', () => {
    const listener = jest.fn();
    const unsubscribe = subscribeTokens(listener);

    setTokens(pair);
    clearTokens();
    expect(listener).toHaveBeenCalledTimes(2);

    unsubscribe();
    setTokens(pair);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('notifies subscribers when another tab changes the tokens', () => {
    const listener = jest.fn();
    const unsubscribe = subscribeTokens(listener);

    window.dispatchEvent(new StorageEvent('storage', { key: 'salesdesk.accessToken' }));
    window.dispatchEvent(new StorageEvent('storage', { key: 'unrelated' }));
    expect(listener).toHaveBeenCalledTimes(1);

    unsubscribe();
  });
});
