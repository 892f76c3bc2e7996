import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { isDemoDataLoaded } from "@/lib/plans/data";
import { AccountLink } from "./_components/account-link";
import "./globals.css";

// Every page reads the live database (approved data changes without a rebuild).
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "NAP Tracker", template: "%s · NAP Tracker" },
  description:
    "Follow the implementation of Women, Peace and Security National Action Plans: pillars, indicators, targets and approved progress.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  const demo = isDemoDataLoaded();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        <header className="site-header">
          <div className="inner">
            <Link href="/" className="brand">
              NAP Tracker <span>· Women, Peace and Security</span>
            </Link>
            <nav className="site-nav" aria-label="Main">
              <ul>
                <li>
                  <Link href="/">Plans</Link>
                </li>
                <li>
                  <Link href="/api/v1/openapi.json">Open data API</Link>
                </li>
                <li>
                  <AccountLink />
                </li>
              </ul>
            </nav>
          </div>
          {demo ? (
            <div className="demo-notice" role="note" aria-label="Demo data">
              <p>
                <strong>Demo data.</strong> This installation holds demonstration data. Rwanda's
                plan structure is real; indicators, targets and milestones are illustrative unless a
                source is named beside them.
              </p>
            </div>
          ) : null}
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="inner">
            <p>
              NAP Tracker publishes only progress approved by each plan's steering committee.
              Figures marked with a source come from that source.
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
