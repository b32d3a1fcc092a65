/** A minimal HTTP client with a cookie jar, speaking to the dashboard as a browser would. */
export class DashboardClient {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly base: () => string,
    private readonly origin: () => string = base,
  ) {}

  /** Sends a request with the jar's cookies and, for mutations, this client's Origin. */
  async request(
    method: string,
    path: string,
    options: {
      form?: Record<string, string>;
      origin?: string | null;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    const origin = options.origin === undefined ? this.origin() : options.origin;
    if (method !== 'GET' && origin !== null) headers.origin = origin;
    let body: string | undefined;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    }
    const response = await fetch(`${this.base()}${path}`, {
      method,
      headers,
      redirect: 'manual',
      ...(body === undefined ? {} : { body }),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair?.indexOf('=') ?? -1;
      if (!pair || index < 0) continue;
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line))
        this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  get(path: string): Promise<Response> {
    return this.request('GET', path);
  }

  /** A form POST carrying the CSRF cookie's token (what the pages' forms send). */
  post(
    path: string,
    form: Record<string, string> = {},
    options: { origin?: string | null; csrf?: string | null } = {},
  ): Promise<Response> {
    const csrf = options.csrf === undefined ? this.cookies.get('__Host-zoryx-csrf') : options.csrf;
    return this.request('POST', path, {
      form: { ...form, ...(csrf === null || csrf === undefined ? {} : { _csrf: csrf }) },
      ...(options.origin === undefined ? {} : { origin: options.origin }),
    });
  }

  /** Logs in with a one-time link (GET shows the button, POST consumes the token). */
  async loginWithLink(link: string): Promise<Response> {
    const token = new URL(link).searchParams.get('token') ?? '';
    const page = await this.get(`/login/link?token=${token}`);
    if (page.status !== 200) return page;
    return this.request('POST', '/login/link', { form: { token } });
  }
}
