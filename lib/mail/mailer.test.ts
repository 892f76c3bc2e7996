/** Sends real e-mail to a real SMTP server on loopback (the smtp-server package). */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passwordLinkMail, sendMail } from "./mailer";

const received: { from: string; to: string[]; body: string }[] = [];
let server: SMTPServer;
let port = 0;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let body = "";
      stream.on("data", (chunk: Buffer) => {
        body += chunk.toString("utf8");
      });
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          body,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
});

describe("sendMail", () => {
  it("does nothing, and says so, when SMTP is not configured", async () => {
    delete process.env.SMTP_URL;
    expect(
      await sendMail(passwordLinkMail("a@example.org", "http://x/set-password?token=t", 72, true)),
    ).toEqual({ sent: false });
    expect(received).toHaveLength(0);
  });

  it("delivers the set-password link to the SMTP server", async () => {
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    process.env.MAIL_FROM = "NAP Secretariat <nap@example.gov>";
    const link = "http://nap.example.gov/set-password?token=abc123abc123abc123abc123";
    expect(await sendMail(passwordLinkMail("focal.point@example.org", link, 72, true))).toEqual({
      sent: true,
    });
    expect(received).toHaveLength(1);
    expect(received[0]?.from).toBe("nap@example.gov");
    expect(received[0]?.to).toEqual(["focal.point@example.org"]);
    expect(received[0]?.body).toContain("Subject: Your NAP Tracker account");
    // The body is quoted-printable: undo soft line breaks and =XX escapes before reading it.
    const text = (received[0]?.body ?? "")
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      );
    expect(text).toContain(link);
  });

  it("reports a failure instead of throwing when the server cannot be reached", async () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:1";
    const result = await sendMail(passwordLinkMail("x@example.org", "http://x/y", 72, false));
    expect(result).toEqual({ sent: false, error: "The e-mail could not be sent." });
  });
});
