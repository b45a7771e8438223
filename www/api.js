// Calls to the server that serves this page (server/), with a key: the JSON answer, or a throw
// carrying the server's message and issues ({ error: { code, message, issues } }).
export class ApiError extends Error {
  constructor(status, error) {
    super(error?.message ?? `the server answered ${status}`);
    this.status = status;
    this.code = error?.code;
    this.issues = error?.issues ?? [];
  }
}

export async function api(path, key, init = {}) {
  const res = await fetch(path, {
    // No cookies are needed (the key travels in Authorization), and without credentials a 401 with
    // `WWW-Authenticate: Basic` (Balanced's and the IVR's routes send it) opens no login prompt.
    credentials: "omit",
    ...init,
    headers: { authorization: `Bearer ${key}`, ...(init.body ? { "content-type": "application/json" } : {}), ...init.headers },
  });
  const answer = await res.json().catch(() => null);
  // Balanced's routes answer in Balanced's own shape ({ errors: [{ category_code, description }] }).
  const balanced = answer?.errors?.[0];
  const error = answer?.error ?? (balanced && { code: res.status === 401 ? "unauthorized" : balanced.category_code, message: balanced.description });
  if (!res.ok) throw new ApiError(res.status, error);
  return answer;
}
