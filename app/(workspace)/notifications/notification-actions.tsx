"use client";
/** Marking notifications as read from the list: all at once, or one by following its link. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { notificationCountQuery } from "../notification-bell";
import { api } from "../query-provider";

type Marked = { marked: number; unread: number };

function markRead(ids: number[] | "all") {
  return api<Marked>("/api/notifications/read", { method: "POST", body: { ids } });
}

export function MarkAllReadButton() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => markRead("all"),
    onSuccess: ({ unread }) => {
      queryClient.setQueryData(notificationCountQuery.queryKey, unread);
      router.refresh();
    },
  });
  return (
    <div className="mark-all">
      <button
        type="button"
        className="button button-secondary"
        disabled={mutation.isPending}
        onClick={() => mutation.mutate()}
      >
        {mutation.isPending ? "Marking…" : "Mark all as read"}
      </button>
      {mutation.isError ? (
        <p role="alert" className="field-error">
          {mutation.error.message}
        </p>
      ) : null}
    </div>
  );
}

/** The link to a notification's target; an unread one is marked read on the way. */
export function NotificationLink({
  id,
  href,
  unread,
  children,
}: {
  id: number;
  href: string;
  unread: boolean;
  children: ReactNode;
}) {
  const queryClient = useQueryClient();
  return (
    <Link
      href={href}
      onClick={() => {
        if (!unread) return;
        markRead([id])
          .then(({ unread: left }) =>
            queryClient.setQueryData(notificationCountQuery.queryKey, left),
          )
          .catch(() => {
            // Not marked: it stays unread and can be marked with "Mark all as read".
          });
      }}
    >
      {children}
    </Link>
  );
}
