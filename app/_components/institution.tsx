import type { InstitutionRef } from "@/lib/plans/data";

/** An acronym with its full name available to everyone (abbr title + visible on wide screens). */
export function Institution({ value }: { value: InstitutionRef | null }) {
  if (!value) return <span>Not assigned</span>;
  return <abbr title={value.name}>{value.acronym}</abbr>;
}

export function InstitutionList({ values }: { values: InstitutionRef[] }) {
  if (values.length === 0) return <span>None</span>;
  return (
    <>
      {values.map((value, index) => (
        <span key={value.acronym}>
          {index > 0 ? ", " : ""}
          <Institution value={value} />
        </span>
      ))}
    </>
  );
}
