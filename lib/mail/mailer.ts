/**
 * E-mail through SMTP when it is configured (SMTP_URL, MAIL_FROM); without it the app works the
 * same and shows people what it would have sent (set-password links are shown once to the admin).
 */
import nodemailer, { type Transporter } from "nodemailer";
import { readEnv } from "@/lib/config/env";
import { logger } from "@/lib/log/logger";

export type Mail = { to: string; subject: string; text: string };

let cached: { url: string; transporter: Transporter } | undefined;

function transport(): { transporter: Transporter; from: string } | null {
  const env = readEnv();
  if (!env.SMTP_URL) return null;
  if (cached?.url !== env.SMTP_URL) {
    cached = { url: env.SMTP_URL, transporter: nodemailer.createTransport(env.SMTP_URL) };
  }
  return {
    transporter: cached.transporter,
    from: env.MAIL_FROM ?? "NAP Tracker <no-reply@localhost>",
  };
}

export function isMailConfigured(): boolean {
  return readEnv().SMTP_URL !== undefined;
}

/** Sends one message; `sent: false` when SMTP is not configured or the server refused it. */
export async function sendMail(mail: Mail): Promise<{ sent: boolean; error?: string }> {
  const configured = transport();
  if (!configured) return { sent: false };
  try {
    await configured.transporter.sendMail({ from: configured.from, ...mail });
    return { sent: true };
  } catch (error) {
    // The SMTP code only: the server's message can quote the recipient's address.
    const code = (error as { responseCode?: unknown; code?: unknown } | null) ?? {};
    logger.error(
      { smtpCode: code.responseCode ?? null, errorCode: code.code ?? null },
      "e-mail could not be sent",
    );
    return { sent: false, error: "The e-mail could not be sent." };
  }
}

/** The message with a one-time set-password link. */
export function passwordLinkMail(to: string, link: string, hours: number, isNew: boolean): Mail {
  return {
    to,
    subject: isNew ? "Your NAP Tracker account" : "Choose a new NAP Tracker password",
    text: [
      isNew
        ? "An account has been created for you on NAP Tracker, which follows the implementation of the Women, Peace and Security National Action Plan."
        : "The NAP secretariat has reset your NAP Tracker password.",
      "",
      `Choose your password with this link. It works once, for the next ${hours} hours:`,
      link,
      "",
      "If you did not expect this message, you can ignore it.",
    ].join("\n"),
  };
}
