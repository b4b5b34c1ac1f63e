import { publicUrlFor, publicUrlProblem } from '../../src/http/publicUrl';

describe('PUBLIC_URL', () => {
  it.each([
    'https://desk.example.com',
    'https://desk.example.com/salesdesk',
    'https://203.0.113.7',
    'https://[2001:db8::1]',
  ])('accepts %s', (url) => expect(publicUrlProblem(url)).toBeUndefined());

  it.each([
    [undefined, /not set/],
    ['desk.example.com', /not a URL/],
    ['http://desk.example.com', /must start with https/],
    ['https://desk.example.com/?a=1', /query or a fragment/],
    ['https://localhost:4000', /localhost, which Meta cannot reach/],
    ['https://127.0.0.1', /127\.0\.0\.1/],
    ['https://10.1.2.3', /10\.1\.2\.3/],
    ['https://172.20.0.5', /cannot reach/],
    ['https://192.168.1.10', /cannot reach/],
    ['https://169.254.1.1', /cannot reach/],
    ['https://100.100.1.1', /cannot reach/],
    ['https://[::1]', /cannot reach/],
    ['https://[fd12::1]', /cannot reach/],
    ['https://[::ffff:192.168.0.1]', /cannot reach/],
    ['https://shop.local', /cannot reach/],
    ['https://intranet', /cannot reach/],
  ])('refuses %s with what to do', (url, reason) => {
    const problem = publicUrlProblem(url);
    expect(problem).toMatch(reason);
  });

  it('builds URLs only on a usable address', () => {
    expect(publicUrlFor('https://desk.example.com', '/webhooks/facebook')).toBe(
      'https://desk.example.com/webhooks/facebook',
    );
    expect(publicUrlFor('http://127.0.0.1:4000', '/webhooks/facebook')).toBeUndefined();
  });
});
