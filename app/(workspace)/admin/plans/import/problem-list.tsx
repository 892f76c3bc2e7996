import { TableScroll } from "@/app/_components/table-scroll";
import type { UploadProblem } from "@/lib/framework/plan-upload";

/**
 * Problems of an uploaded plan, each where it is in the user's own file: a JSON path, or a
 * workbook's sheet, row and column.
 */
export function ProblemList({
  problems,
  heading = "Problems to fix",
  id = "problems",
}: {
  problems: UploadProblem[];
  heading?: string;
  id?: string;
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      <TableScroll label="Problems by place">
        <table>
          <caption>
            {problems.length} {problems.length === 1 ? "problem" : "problems"}
          </caption>
          <thead>
            <tr>
              <th scope="col">Where</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((problem) => (
              <tr key={`${problem.where}:${problem.message}`}>
                <th scope="row">
                  <code>{problem.where}</code>
                </th>
                <td>{problem.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
