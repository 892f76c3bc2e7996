import type { PlanFormData } from "@/lib/framework/structure";
import type { FormSection } from "./structure-form";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** The plan form's fields, for a new plan (address and country typed) or an existing one. */
export function planSections(data: PlanFormData): FormSection[] {
  const creating = data.plan === null;
  const institutions = data.institutions
    .filter((i) => i.active || String(i.id) === data.values.leadInstitution)
    .filter((i) => creating || i.countryCode === data.plan?.countryCode);
  return [
    {
      legend: "The plan",
      fields: [
        ...(creating
          ? [
              {
                name: "slug",
                label: "Address",
                hint: "Its public address: /plans/<address>. Lower-case letters, digits and dashes, like kenya-2020-2024. It cannot change later.",
                maxLength: 100,
              },
              {
                name: "countryCode",
                label: "Country code",
                hint: "Three letters (ISO 3166-1 alpha-3), like RWA or KEN. It cannot change later.",
                maxLength: 3,
              },
            ]
          : []),
        { name: "countryName", label: "Country", maxLength: 100 },
        { name: "title", label: "Title", maxLength: 300 },
        {
          name: "generation",
          label: "Generation",
          hint: "1 for the country's first National Action Plan, 2 for its second …",
          inputMode: "numeric" as const,
          maxLength: 2,
        },
        { name: "startYear", label: "First year", inputMode: "numeric" as const, maxLength: 4 },
        { name: "endYear", label: "Last year", inputMode: "numeric" as const, maxLength: 4 },
        {
          name: "leadInstitution",
          label: "Lead institution (optional)",
          hint: creating
            ? "Institutions of the country code above."
            : "The institution that coordinates the plan.",
          type: "select" as const,
          filterBy: creating ? "countryCode" : undefined,
          options: [
            { value: "", label: "None" },
            ...institutions.map((i) => ({
              value: String(i.id),
              label: i.label,
              group: i.countryCode,
            })),
          ],
        },
        {
          name: "summary",
          label: "Summary (optional)",
          type: "textarea" as const,
          maxLength: 5000,
        },
        {
          name: "budgetStatement",
          label: "Budget statement (optional)",
          hint: "What the plan says about its funding.",
          type: "textarea" as const,
          maxLength: 5000,
        },
        {
          name: "civilSocietyParticipation",
          label: "Civil society's participation (optional)",
          type: "textarea" as const,
          maxLength: 5000,
        },
      ],
    },
    {
      legend: "Words, money and language",
      fields: [
        {
          name: "pillarTerm",
          label: "Word for one pillar",
          hint: "What the plan calls its top level: pillar, objective, priority, axis …",
          maxLength: 40,
        },
        { name: "pillarTermPlural", label: "Word for several pillars", maxLength: 40 },
        {
          name: "currency",
          label: "Currency",
          hint: "Three letters (ISO 4217), like RWF or USD.",
          maxLength: 3,
        },
        {
          name: "fiscalYearStartMonth",
          label: "Fiscal year starts in",
          type: "select" as const,
          options: MONTHS.map((m, i) => ({
            value: String(i + 1),
            label: i === 0 ? `${m} (calendar year)` : m,
          })),
        },
        {
          name: "originalLanguage",
          label: "Original language",
          hint: "A language code, like en, fr or rw.",
          maxLength: 20,
        },
      ],
    },
    {
      legend: "Progress status",
      hint: "An indicator is on track when its progress is at least the elapsed share of time minus the tolerance, at risk when at least the at-risk share of that, off track otherwise.",
      fields: [
        {
          name: "statusTolerance",
          label: "Tolerance (percentage points)",
          inputMode: "decimal" as const,
          maxLength: 6,
        },
        {
          name: "statusAtRiskShare",
          label: "At-risk share (percent)",
          inputMode: "decimal" as const,
          maxLength: 6,
        },
      ],
    },
  ];
}
