import type { InstitutionRef } from "@/lib/plans/data";

/** An acronym with its full name available to everyone (abbr title + visible on wide screens). */
export function Institution({ value }: { value: InstitutionRef | null }) {
  if (!value) return <span>Not assigned</span>;
  return <abbr title={value.name}>{value.acronym}</abbr>;
}

/** Institutions by acronym, or with `full`, by full name and acronym: "Ministry of Defence (MINADEF)". */
export function InstitutionList({
  values,
  full = false,
}: {
  values: InstitutionRef[];
  full?: boolean;
}) {
  if (values.length === 0) return <span>None</span>;
  return (
    <>
      {values.map((value, index) => (
        <span key={value.acronym}>
          {index > 0 ? (full ? "; " : ", ") : ""}
          {full ? `${value.name} (${value.acronym})` : <Institution value={value} />}
        </span>
      ))}
    </>
  );
}
