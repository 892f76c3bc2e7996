import type { PlanFileProblem } from "@/lib/framework/plan-file";

/** Problems of a plan file, each with where it is in the file. */
export function ProblemList({
  problems,
  heading = "Problems to fix",
  id = "problems",
}: {
  problems: PlanFileProblem[];
  heading?: string;
  id?: string;
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      <ol className="card">
        {problems.map((problem) => (
          <li key={`${problem.path}:${problem.message}`}>
            <code>{problem.path}</code>: {problem.message}
          </li>
        ))}
      </ol>
    </section>
  );
}
