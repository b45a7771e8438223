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
    ...init,
    headers: { authorization: `Bearer ${key}`, ...(init.body ? { "content-type": "application/json" } : {}), ...init.headers },
  });
  const answer = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, answer?.error);
  return answer;
}
