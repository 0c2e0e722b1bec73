"use client";

import { useSearchParams } from "next/navigation";
import { type FormEvent, Suspense, useState } from "react";
import { LoginDocument } from "../../graphql/generated";
import { useAction } from "../../lib/hooks";

function LoginForm() {
  const params = useSearchParams();
  const login = useAction(LoginDocument);
  const [message, setMessage] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = await login.run({
      email: String(form.get("email")),
      password: String(form.get("password")),
    });
    if (result?.login.ok) {
      const next = params.get("next");
      window.location.assign(next?.startsWith("/") ? next : "/");
    } else setMessage(result?.login.error?.message ?? login.error?.message ?? "sign-in failed");
  }

  return (
    <form className="card login" onSubmit={submit}>
      <h1 style={{ marginBottom: 16 }}>Kindred</h1>
      <div className="grid">
        <label className="field">
          Email
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label className="field">
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {message && <div className="error">{message}</div>}
        <button type="submit" disabled={login.pending}>
          {login.pending ? "Signing in…" : "Sign in"}
        </button>
      </div>
    </form>
  );
}

export default function LoginPage() {
  return (
    <Suspense>
      <LoginForm />
    </Suspense>
  );
}
