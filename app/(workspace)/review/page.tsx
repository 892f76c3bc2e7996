import type { Metadata } from "next";
import { TableScroll } from "@/app/_components/table-scroll";
import { formatDate } from "@/lib/format";
import { listReviewQueue } from "@/lib/review/data";
import { requirePage } from "../guard";

export const metadata: Metadata = { title: "Review queue" };

export default async function ReviewPage() {
  const viewer = await requirePage("review.view", "/review");
  const queue = listReviewQueue(viewer);
  return (
    <>
      <h1>Review queue</h1>
      <p className="lead">
        Progress reports submitted by institutions and waiting for the steering committee.
      </p>
      {queue.length === 0 ? (
        <p className="card">Nothing is waiting for review.</p>
      ) : (
        <TableScroll label="Submitted reports">
          <table>
            <caption>Submitted reports, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Institution</th>
                <th scope="col">Period</th>
                <th scope="col">Plan</th>
                <th scope="col">Submitted</th>
              </tr>
            </thead>
            <tbody>
              {queue.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    {item.institutionName} ({item.institution})
                  </th>
                  <td>{item.period}</td>
                  <td>{item.plan}</td>
                  <td>{item.submittedAt ? formatDate(item.submittedAt) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
