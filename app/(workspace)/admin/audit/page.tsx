import type { Metadata } from "next";
import { TableScroll } from "@/app/_components/table-scroll";
import { AUDIT_PAGE_SIZE, auditFilterSchema, listAuditEvents } from "@/lib/audit/data";
import { requirePage } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Audit log" };

function show(value: unknown) {
  if (value === null || value === undefined) return "";
  return JSON.stringify(value);
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requirePage("audit.read", "/admin/audit");
  const filter = auditFilterSchema.parse(await searchParams);
  const events = listAuditEvents(viewer, filter);
  return (
    <>
      <h1>Audit log</h1>
      <search aria-label="Filter the audit log">
        <form className="toolbar form" method="get">
          <div className="field">
            <label htmlFor="actor">User</label>
            <input id="actor" name="actor" defaultValue={filter.actor ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="action">Action</label>
            <input
              id="action"
              name="action"
              defaultValue={filter.action ?? ""}
              placeholder="e.g. auth."
            />
          </div>
          <div className="field">
            <label htmlFor="entity">Record type</label>
            <input
              id="entity"
              name="entity"
              defaultValue={filter.entity ?? ""}
              placeholder="e.g. progress_report"
            />
          </div>
          <div className="field">
            <label htmlFor="record">Record number</label>
            <input
              id="record"
              name="record"
              inputMode="numeric"
              defaultValue={filter.record ?? ""}
            />
          </div>
          <div className="field">
            <label htmlFor="from">From</label>
            <input id="from" name="from" type="date" defaultValue={filter.from ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="to">To</label>
            <input id="to" name="to" type="date" defaultValue={filter.to ?? ""} />
          </div>
          <div className="field">
            <button className="button" type="submit">
              Filter
            </button>
          </div>
        </form>
      </search>
      <TableScroll label="Audit events">
        <table>
          <caption>
            {events.length === AUDIT_PAGE_SIZE
              ? `The latest ${AUDIT_PAGE_SIZE} events`
              : `${events.length} events`}
          </caption>
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Record</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
              <th scope="col">Address</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id}>
                <td>{event.at.replace("T", " ").slice(0, 19)}</td>
                <td>{event.actor}</td>
                <th scope="row">{event.action}</th>
                <td>
                  {event.entityType}
                  {event.entityId ? ` ${event.entityId}` : ""}
                </td>
                <td>{show(event.before)}</td>
                <td>
                  {show(event.after)}
                  {event.reason ? ` (reason: ${event.reason})` : ""}
                </td>
                <td>{event.ip ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
