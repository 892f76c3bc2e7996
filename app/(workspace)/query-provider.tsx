"use client";
/**
 * TanStack Query for the signed-in area: one client per browser tab. Queries are not retried on
 * 4xx answers (a refusal or a validation error will not change by asking again).
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** fetch for the private API: JSON in, `{data}` out, `{error}` thrown as HttpError. */
export async function api<T>(url: string, init?: { method?: string; body?: unknown }): Promise<T> {
  const response = await fetch(url, {
    method: init?.method ?? "GET",
    headers: init?.body === undefined ? undefined : { "Content-Type": "application/json" },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: "same-origin",
    cache: "no-store",
  });
  const json = (await response.json().catch(() => null)) as {
    data?: T;
    error?: { code: string; message: string } & Record<string, unknown>;
  } | null;
  if (!response.ok || !json || json.error) {
    const error = json?.error;
    throw new HttpError(
      response.status,
      error?.code ?? "INTERNAL",
      error?.message ?? `The server answered ${response.status}.`,
      error ?? {},
    );
  }
  return json.data as T;
}

export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: 30_000,
            retry: (count, error) =>
              !(error instanceof HttpError && error.status >= 400 && error.status < 500) &&
              count < 3,
          },
          mutations: { retry: false },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
